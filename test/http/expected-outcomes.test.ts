// Every real item of fixtures/stac (a copy of shared/data/stac) through the HTTP API, held to
// fixtures/expected-outcomes.json: stored or rejected, with which code, and read back as sent.
import fs from 'node:fs';
import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, readCollection, readItems } from '../helpers/stac-fixtures.js';

type Outcome = 'stored' | { code: string; reason: string };
interface FolderOutcomes {
  collection?: Outcome;
  'items.ndjson'?: Record<string, Outcome>;
  'items-invalid-geometry.ndjson'?: Record<string, Outcome>;
}
const expected = JSON.parse(fs.readFileSync(new URL('../../fixtures/expected-outcomes.json', import.meta.url), 'utf8')) as {
  folders: Record<string, FolderOutcomes>;
};

const { app, admin } = await createTestApp(t);
const owner = { 'eopool:member': 'KZ' };

/**
 * The RFC 3339 UTC form the README asks for: a date-only value is midnight UTC, and a
 * space-separated one (all of them +00:00 in this data) gets a T and a Z.
 */
function normalisedDatetime(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00Z`;
  const spaced = /^(\d{4}-\d{2}-\d{2}) (.*?)(\+00:00|Z)?$/.exec(value);
  return spaced === null ? value : `${spaced[1]}T${spaced[2]}Z`;
}

for (const [folder, outcomes] of Object.entries(expected.folders)) {
  t.test(folder, async (t) => {
    const files = (['items.ndjson', 'items-invalid-geometry.ndjson'] as const).filter((f) => outcomes[f] !== undefined);
    const items = files.flatMap((file) => readItems(folder, file).map((item) => ({ file, item })));
    const named = [...new Set(items.map(({ item }) => item.collection).filter((c): c is string => typeof c === 'string'))];
    t.ok(named.length <= 1, 'a folder holds one collection');
    const target = named[0] ?? `test-${folder.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
    const created: string[] = [];
    t.teardown(async () => {
      for (const id of created) {
        await app.inject({ method: 'DELETE', url: `/collections/${encodeURIComponent(id)}?cascade=true`, headers: admin });
      }
    });

    if (outcomes.collection !== undefined) {
      const document = readCollection(folder);
      const response = await app.inject({ method: 'POST', url: '/collections', headers: admin, payload: { ...document, ...owner } });
      if (outcomes.collection === 'stored') {
        t.equal(response.statusCode, 201, `collection ${String(document.id)} is stored`);
        created.push(String(document.id));
        const back = await app.inject({ url: `/collections/${encodeURIComponent(String(document.id))}` });
        t.equal(back.statusCode, 200, 'and read back by its id, even one with a "/"');
      } else {
        t.equal(response.statusCode, 400, `collection ${String(document.id)} is rejected: ${outcomes.collection.reason}`);
        t.equal(response.json().code, outcomes.collection.code);
      }
    }
    if (items.length === 0) return;
    if (!created.includes(target)) {
      const response = await app.inject({ method: 'POST', url: '/collections', headers: admin, payload: { ...exampleCollection(target), ...owner } });
      t.equal(response.statusCode, 201, `collection ${target} made for the test`);
      created.push(target);
    }

    for (const file of files) {
      const sent = items.filter((i) => i.file === file).map((i) => i.item);
      const response = await app.inject({
        method: 'POST',
        url: `/collections/${encodeURIComponent(target)}/items`,
        headers: { ...admin, 'content-type': 'application/x-ndjson' },
        payload: sent.map((item) => JSON.stringify(item)).join('\n'),
      });
      t.equal(response.statusCode, 200);
      const report = response.json() as { stored: number; rejected: { line: number; id: string; code: string; description: string }[] };
      const fileOutcomes = outcomes[file] ?? {};
      const expectedRejected = Object.entries(fileOutcomes).filter(([, o]) => o !== 'stored');
      t.equal(report.stored, sent.length - expectedRejected.length, `${file}: stored count`);
      t.same(
        report.rejected.map((r) => [r.id, r.code]).sort(),
        expectedRejected.map(([id, o]) => [id, (o as { code: string }).code]).sort(),
        `${file}: rejected ids and codes`,
      );
      for (const item of sent) {
        const id = String(item.id);
        const back = await app.inject({ url: `/collections/${encodeURIComponent(target)}/items/${encodeURIComponent(id)}` });
        if (fileOutcomes[id] !== 'stored') {
          t.equal(back.statusCode, 404, `${id} left nothing behind`);
          continue;
        }
        t.equal(back.statusCode, 200, `${id} is stored`);
        const stored = back.json();
        const version = String(item.stac_version);
        if (version === '1.0.0' || version === '1.1.0') {
          for (const key of ['type', 'stac_version', 'stac_extensions', 'assets']) t.same(stored[key], item[key], `${id}: ${key} as sent`);
          const properties = Object.fromEntries(
            Object.entries(item.properties as Record<string, unknown>).map(([k, v]) => [k, /datetime|^created$|^updated$/.test(k) ? normalisedDatetime(v) : v]),
          );
          t.same(stored.properties, properties, `${id}: properties as sent, datetimes in RFC 3339`);
        } else {
          t.equal(stored.stac_version, '1.1.0', `${id}: migrated from ${version} to 1.1.0`);
        }
        t.equal(stored.collection, target);
      }
    }
  });
}
