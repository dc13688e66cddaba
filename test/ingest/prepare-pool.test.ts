import t from 'tap';
import { SCHEMAS_DIR } from '../../src/create-services.js';
import { createPreparePool } from '../../src/ingest/prepare-pool.js';
import { exampleItem } from '../helpers/stac-fixtures.js';

const pool = createPreparePool({ schemasDir: SCHEMAS_DIR, maxVertices: 10_000, size: 2 });
t.teardown(() => pool.close());

t.test('a worker answers rows to write and refused lines, each with its line number', async (t) => {
  const prepared = await pool.prepare('c', [
    { number: 3, text: JSON.stringify(exampleItem('a', 'c')) },
    { number: 4, text: '[1, 2' },
    { number: 7, text: JSON.stringify({ ...exampleItem('b', 'c'), type: 'FeatureCollection' }) },
  ]);
  t.same(prepared.rows.map((r) => [r.line, r.id]), [[3, 'a']]);
  const row = JSON.parse(prepared.rows[0]?.json ?? '{}') as Record<string, unknown>;
  t.match(row, { collection: 'c', id: 'a', content: { id: 'a', collection: 'c' } }, 'the row carries the prepared document');
  t.match(row.geometry, /^0103000020e6100000/, 'the footprint as hex EWKB, SRID 4326');
  t.same(prepared.rejected.map((r) => [r.index, r.id, r.code]), [[4, null, 'InvalidJson'], [7, 'b', 'InvalidItem']]);
});

t.test('closing the pool refuses the batches in flight; the next batch starts new workers', async (t) => {
  const inFlight = t.rejects(pool.prepare('c', [{ number: 1, text: JSON.stringify(exampleItem('x', 'c')) }]), /closed/);
  await pool.close();
  await inFlight;
  const after = await pool.prepare('c', [{ number: 1, text: JSON.stringify(exampleItem('y', 'c')) }]);
  t.same(after.rows.map((r) => r.id), ['y']);
});
