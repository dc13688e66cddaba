import { Readable } from 'node:stream';
import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection } from '../helpers/stac-fixtures.js';

const { app, auth, database } = await createTestApp(t);
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
