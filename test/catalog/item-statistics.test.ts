// The planner's statistics of the items are refreshed once enough was written since the last
// ANALYZE (50 items plus a tenth of the table), on PGlite, which runs no autovacuum, as on PostGIS.
import { sql } from 'kysely';
import t from 'tap';
import { refreshItemStatistics } from '../../src/catalog/index.js';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, exampleItem } from '../helpers/stac-fixtures.js';

const { app, auth, database } = await createTestApp(t);
const db = database.db;
// Autovacuum must not analyse the test's table behind its back on PostGIS.
if (database.engine === 'postgres') await sql`ALTER TABLE items SET (autovacuum_enabled = false)`.execute(db);
const key = await auth('member', 'KZ');
await app.inject({ method: 'POST', url: '/collections', headers: key, payload: exampleCollection('stats') });
let written = 0;
async function write(count: number): Promise<void> {
  const features = Array.from({ length: count }, (_, i) => exampleItem(`item-${written + i}`, 'stats'));
  const response = await app.inject({ method: 'POST', url: '/collections/stats/items', headers: key, payload: { type: 'FeatureCollection', features } });
  if (response.statusCode !== 201) throw new Error(`writing items answered ${response.statusCode}: ${response.body}`);
  written += count;
}
const plannerRows = async () => Number((await sql<{ rows: number }>`SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = 'items'::regclass`.execute(db)).rows[0]?.rows);

t.test('an empty catalog needs no ANALYZE', async (t) => {
  t.match(await refreshItemStatistics(db), { analysed: false, written: 0 });
});

t.test('more than 50 items written into a never analysed table: ANALYZE', async (t) => {
  await write(60);
  t.match(await refreshItemStatistics(db), { analysed: true, rows: 0, written: 51 });
  t.equal(await plannerRows(), 60, 'the planner now counts the items');
  t.match(await refreshItemStatistics(db), { analysed: false, rows: 60, written: 0 }, 'nothing written since');
});

t.test('fewer than 50 plus a tenth of the table since: nothing; more: ANALYZE', async (t) => {
  await write(56);
  t.match(await refreshItemStatistics(db), { analysed: false, rows: 60, written: 56 }, '56 written, threshold 56');
  await write(1);
  t.match(await refreshItemStatistics(db), { analysed: true, rows: 60, written: 57 });
  t.equal(await plannerRows(), 117);
});
