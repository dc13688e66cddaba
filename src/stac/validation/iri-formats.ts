import type { Format } from 'ajv';

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
/** Plain http(s) URLs, most STAC hrefs: certainly parseable, so URL is not asked (it costs ~1 µs). */
const PLAIN_HTTP = /^https?:\/\/[A-Za-z0-9._~-]+(?::\d{1,4})?(?:[/?#]\S*)?$/;
/** Plain relative paths (`./item.json`, `../collection.json`): no scheme, no space, not `//host`. */
const PLAIN_RELATIVE = /^(?!\/\/)[^\s:?#]+(?:[?#]\S*)?$/;

/**
 * The `iri` and `iri-reference` formats the STAC 1.1 schemas use and ajv-formats lacks, with
 * stac-node-validator's rules (its `src/iri.js`): an IRI is absolute with a host (`file:` may have
 * a bare path); a reference may also be a relative path. Parsed with WHATWG URL, which Node has,
 * rather than uri-js, which is deprecated.
 */
export const IRI_FORMATS: Readonly<Record<'iri' | 'iri-reference', Format>> = {
  iri: (value: string) => isAbsoluteIri(value),
  'iri-reference': (value: string) => {
    if (PLAIN_RELATIVE.test(value) || isAbsoluteIri(value)) return true;
    // A relative reference needs a path: `#frag` or `?q` alone point nowhere in a STAC link.
    if (value.length === 0 || SCHEME.test(value) || value.startsWith('#') || value.startsWith('?')) return false;
    return URL.canParse(value, 'http://relative.invalid/');
  },
};

function isAbsoluteIri(value: string): boolean {
  if (PLAIN_HTTP.test(value)) return true;
  if (!SCHEME.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.host !== '' || (url.protocol === 'file:' && url.pathname !== '');
}
