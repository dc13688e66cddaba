import t from 'tap';
import { resolveArea } from '../../src/monitoring/index.js';
import { indexProbes } from '../../src/monitoring/index-probes.js';

const MAX_VERTICES = 10_000;

t.test('a bbox becomes a polygon; one across the antimeridian is split at 180° into a MultiPolygon', async (t) => {
  const plain = resolveArea({ bbox: '10,20,11,21' }, MAX_VERTICES);
  t.equal(plain.geometry.type, 'Polygon');
  t.same(plain.centre, { longitudeDeg: 10.5, latitudeDeg: 20.5 });
  t.same(indexProbes(plain.geometry), [[10, 20, 11, 21]]);
  const across = resolveArea({ bbox: [179, -17, -179, -16] }, MAX_VERTICES);
  t.equal(across.geometry.type, 'MultiPolygon');
  t.same(indexProbes(across.geometry), [[-180, -17, -179, -16], [179, -17, 180, -16]], 'probed as its two halves');
  t.ok(Math.abs(Math.abs(across.centre.longitudeDeg) - 180) < 1e-9, `centre on the antimeridian (${across.centre.longitudeDeg})`);
});

t.test('a bbox wider than 180° is not read as crossing the antimeridian', async (t) => {
  const wide = resolveArea({ bbox: [-100, 0, 100, 10] }, MAX_VERTICES);
  t.equal(wide.geometry.type, 'Polygon');
  t.same(indexProbes(wide.geometry), [[-100, 0, 100, 10]]);
  const wideAcross = resolveArea({ bbox: [100, 0, 90, 10] }, MAX_VERTICES);
  t.equal(wideAcross.geometry.type, 'MultiPolygon', 'from 100°E eastwards round to 90°E');
});

t.test('a point, as text or GeoJSON', async (t) => {
  t.same(resolveArea({ point: '70.5, 45.25' }, MAX_VERTICES), {
    geometry: { type: 'Point', coordinates: [70.5, 45.25] },
    kind: 'point',
    centre: { longitudeDeg: 70.5, latitudeDeg: 45.25 },
  });
  t.equal(resolveArea({ intersects: { type: 'Point', coordinates: [1, 2] } }, MAX_VERTICES).kind, 'point');
});

t.test('anything but exactly one valid Point, Polygon or MultiPolygon is InvalidArea', async (t) => {
  const bowtie = { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] };
  t.throws(() => resolveArea({ intersects: bowtie }, MAX_VERTICES), { code: 'InvalidArea', message: /intersects itself/ });
  t.throws(() => resolveArea({ intersects: { type: 'MultiPoint', coordinates: [[0, 0]] } }, MAX_VERTICES), { code: 'InvalidArea' });
  t.throws(() => resolveArea({ intersects: null }, MAX_VERTICES), { code: 'InvalidArea' });
  t.throws(() => resolveArea({}, MAX_VERTICES), { code: 'InvalidArea', message: /none/ });
  t.throws(() => resolveArea({ bbox: '0,0,1,1', point: '0,0' }, MAX_VERTICES), { code: 'InvalidArea', message: /bbox and point/ });
  for (const point of ['0', '0,0,0', '181,0', '0,-91', 'a,b']) t.throws(() => resolveArea({ point }, MAX_VERTICES), { code: 'InvalidArea' }, point);
  t.throws(() => resolveArea({ bbox: '0,1,1,0' }, MAX_VERTICES), { code: 'InvalidBbox' });
  const many = { type: 'Polygon', coordinates: [[...Array.from({ length: 20 }, (_, i) => [Math.cos(i / 3.2), Math.sin(i / 3.2)]), [1, 0]]] };
  t.throws(() => resolveArea({ intersects: many }, 10), { code: 'GeometryTooLarge' });
});
