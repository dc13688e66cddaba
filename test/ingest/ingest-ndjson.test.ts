import { Readable } from 'node:stream';
import t from 'tap';
import { ingestNdjson } from '../../src/ingest/ingest-ndjson.js';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, exampleItem } from '../helpers/stac-fixtures.js';

const { app, auth, database, services } = await createTestApp(t);
const kz = await auth('member', 'KZ');
await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('bulk') });

const COUNT = 100_000;

/** A minimal valid STAC 1.1.0 item, a 0.01° square somewhere in Kazakhstan. */
function item(i: number): string {
  const x = 50 + (i % 3000) * 0.01;
  const y = 42 + Math.floor(i / 3000) * 0.01;
  return JSON.stringify({
    type: 'Feature',
    stac_version: '1.1.0',
    id: `bulk-${i}`,
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]] },
    bbox: [x, y, x + 0.01, y + 0.01],
    properties: { datetime: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), 'eo:cloud_cover': i % 100 },
    links: [],
    assets: {},
  });
}

async function storedCount(): Promise<number> {
  const row = await database.db
    .selectFrom('items')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('collection', '=', 'bulk')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The body is produced while it is sent. Halfway through, it waits until the server has stored
 * something: a server that read the whole body before storing would never get there.
 */
async function* lines(count: number, halfway: { storedBefore: number }): AsyncGenerator<string> {
  for (let start = 0; start < count; start += 1000) {
    if (start === count / 2) {
      const deadline = Date.now() + 60_000;
      while ((halfway.storedBefore = await storedCount()) === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    let chunk = '';
    for (let i = start; i < Math.min(count, start + 1000); i += 1) chunk += `${item(i)}\n`;
    yield chunk;
  }
}

t.test(`${COUNT} items in one NDJSON request are all stored, and stored while the body still arrives`, async (t) => {
  const halfway = { storedBefore: 0 };
  const response = await app.inject({
    method: 'POST',
    url: '/collections/bulk/items',
    headers: { ...kz, 'content-type': 'application/x-ndjson' },
    payload: Readable.from(lines(COUNT, halfway)),
  });
  t.equal(response.statusCode, 200);
  t.same(response.json(), { stored: COUNT, unchanged: 0, rejected: [] });
  t.equal(await storedCount(), COUNT);
  t.ok(halfway.storedBefore > 0, `${halfway.storedBefore} items were stored before the second half of the body was sent`);
});

/** `exampleItem` with a cloud cover that tells which line it came from. */
function numbered(id: string, collection: string, line: number): string {
  const item = exampleItem(id, collection) as { properties: Record<string, unknown> };
  item.properties['eo:cloud_cover'] = line % 100;
  item.properties['eopool:line'] = line;
  return JSON.stringify(item);
}

t.test('a repeated id keeps its later line, within a batch and across batches written at the same time', async (t) => {
  await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('repeats') });
  // 12 ids in a scrambled order over 600 lines: batches of 5 often repeat an id of their own (a new
  // batch starts), of the batch being written beside them (they wait for it), or of neither (they are
  // written beside it). The jobs of 250 lines go to different workers.
  const last = new Map<string, number>();
  const lines: string[] = [];
  for (let line = 1; line <= 600; line += 1) {
    const id = `r-${(line * 7 + Math.floor(line / 13)) % 12}`;
    last.set(id, line);
    lines.push(numbered(id, 'repeats', line));
  }
  const report = await ingestNdjson(Readable.from([lines.join('\n')]), {
    db: database.db,
    pool: services.preparePool,
    collection: 'repeats',
    member: 'KZ',
    maxLineBytes: 100_000,
    batchSize: 5,
  });
  t.same(report, { stored: 600, unchanged: 0, rejected: [] }, 'every line changed its item');
  const rows = await database.db.selectFrom('items').select(['id', 'content']).where('collection', '=', 'repeats').execute();
  t.same(
    Object.fromEntries(rows.map((r) => [r.id, (r.content.properties as Record<string, unknown>)['eopool:line']])),
    Object.fromEntries(last),
    'each item holds its last line',
  );
});

t.test('lines refused by the workers, or too long to read, are reported in line order with their numbers', async (t) => {
  await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('refusals') });
  const lines = Array.from({ length: 600 }, (_, i) => numbered(`ok-${i + 1}`, 'refusals', i + 1));
  lines[1] = '{ not json';
  lines[2] = '';
  // Beyond the first job of 250 lines: prepared by another message, perhaps another worker.
  lines[399] = JSON.stringify({ ...JSON.parse(numbered('bad-400', 'refusals', 400)), stac_version: 'banana' });
  lines[449] = JSON.stringify({ ...JSON.parse(numbered('other-450', 'refusals', 450)), collection: 'elsewhere' });
  lines[499] = numbered('long-500', 'refusals', 500).replace('{', `{"padding":"${'x'.repeat(20_000)}",`);
  const report = await ingestNdjson(Readable.from([lines.join('\n')]), {
    db: database.db,
    pool: services.preparePool,
    collection: 'refusals',
    member: 'KZ',
    maxLineBytes: 10_000,
  });
  t.equal(report.stored, 595);
  t.same(
    report.rejected.map((r) => [r.index, r.id, r.code]),
    [
      [2, null, 'InvalidJson'],
      [400, 'bad-400', 'InvalidItem'],
      [450, 'other-450', 'CollectionMismatch'],
      [500, null, 'LineTooLong'],
    ],
  );
  t.match(report.rejected[0]?.description, /^line 2: /);
});
