import t from 'tap';
import { IRI_FORMATS } from '../../../src/stac/validation/iri-formats.js';
import { readCollection, readItems, stacFolders, type Json } from './stac-fixtures.js';

const iri = IRI_FORMATS.iri as (value: string) => boolean;
const iriReference = IRI_FORMATS['iri-reference'] as (value: string) => boolean;

/** The rule without the regular-expression shortcuts: what the shortcuts must agree with. */
function referenceIri(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.host !== '' || (url.protocol === 'file:' && url.pathname !== '');
  } catch {
    return false;
  }
}

function referenceIriReference(value: string): boolean {
  if (referenceIri(value)) return true;
  if (value === '' || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) || value.startsWith('#') || value.startsWith('?')) return false;
  return URL.canParse(value, 'http://relative.invalid/');
}

t.test('absolute IRIs', async (t) => {
  for (const ok of ['https://example.com/a b', 'http://localhost:8080/x', 's3://bucket/key.tif', 'file:///tmp/x.json', 'https://例え.jp/パス']) t.ok(iri(ok), ok);
  for (const bad of ['eo', './item.json', 'urn:ogc:def:crs:EPSG::4326', 'mailto:a@b.c', 'https://', '', 'http://exa mple.com/']) t.notOk(iri(bad), bad);
});

t.test('IRI references also take relative paths', async (t) => {
  for (const ok of ['./item.json', '../collection.json', 'item.json', 'a/b/c.tif?x=1#y', 'https://example.com/']) t.ok(iriReference(ok), ok);
  for (const bad of ['', '#frag', '?q=1', 'urn:x']) t.notOk(iriReference(bad), bad);
});

t.test('the shortcuts agree with the full rule on every href of the real fixtures', async (t) => {
  const hrefs = new Set<string>();
  const collect = (doc: Json | null): void => {
    if (doc === null) return;
    for (const link of (doc.links as Json[] | undefined) ?? []) if (typeof link.href === 'string') hrefs.add(link.href);
    for (const asset of Object.values((doc.assets as Record<string, Json> | undefined) ?? {})) if (typeof asset.href === 'string') hrefs.add(asset.href);
    for (const ext of (doc.stac_extensions as unknown[] | undefined) ?? []) if (typeof ext === 'string') hrefs.add(ext);
  };
  for (const folder of stacFolders()) {
    readItems(folder).forEach(collect);
    collect(readCollection(folder));
  }
  t.ok(hrefs.size > 1000, `${hrefs.size} distinct hrefs`);
  let disagreements = 0;
  for (const href of hrefs) {
    if (iri(href) !== referenceIri(href) || iriReference(href) !== referenceIriReference(href)) {
      disagreements++;
      t.fail(href);
    }
  }
  t.equal(disagreements, 0);
});
