import t from 'tap';
import { SCHEMAS_DIR } from '../../src/create-services.js';
import { createPreparePool } from '../../src/ingest/prepare-pool.js';
import { exampleItem } from '../helpers/stac-fixtures.js';

const pool = createPreparePool({ schemasDir: SCHEMAS_DIR, maxVertices: 10_000, size: 2 });
t.teardown(() => pool.close());

t.test('a worker answers rows to write and refused lines, each with its line number', async (t) => {
  const text = [
    JSON.stringify(exampleItem('a', 'c')),
    '[1, 2',
    '',
    '  \r',
    JSON.stringify({ ...exampleItem('b', 'c'), type: 'FeatureCollection' }),
    `${JSON.stringify(exampleItem('d', 'c'))}\r`,
  ].join('\n');
  const prepared = await pool.prepare('c', { firstLine: 3, text: `${text}\n` });
  t.same(prepared.rows.map((r) => [r.line, r.id]), [[3, 'a'], [8, 'd']], 'blank lines skipped but counted, \\r\\n endings read');
  t.same(prepared.rows.map((r) => r.collection), ['c', 'c']);
  const properties = exampleItem('d', 'c').properties as Record<string, unknown>;
  const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  t.same(
    JSON.parse(prepared.rows[1]?.propertyKeys ?? '[]'),
    Object.keys(properties).sort().map((name) => [name, typeOf(properties[name])]),
    'with the names and JSON types of its properties',
  );
  const row = JSON.parse(prepared.rows[0]?.json ?? '{}') as Record<string, unknown>;
  t.match(row, { collection: 'c', id: 'a', content: { id: 'a', collection: 'c' } }, 'the row carries the prepared document');
  t.match(row.geometry, /^0103000020e6100000/, 'the footprint as hex EWKB, SRID 4326');
  t.same(prepared.rejected.map((r) => [r.index, r.id, r.code]), [[4, null, 'InvalidJson'], [7, 'b', 'InvalidItem']]);
});

t.test('closing the pool refuses the batches in flight; the next batch starts new workers', async (t) => {
  const inFlight = t.rejects(pool.prepare('c', { firstLine: 1, text: JSON.stringify(exampleItem('x', 'c')) }), /closed/);
  await pool.close();
  await inFlight;
  const after = await pool.prepare('c', { firstLine: 1, text: JSON.stringify(exampleItem('y', 'c')) });
  t.same(after.rows.map((r) => r.id), ['y']);
});
