import t from 'tap';
import { parseCql2Json, parseCql2Text, propertiesOf } from '../../../src/stac/cql2/index.js';

t.test('propertiesOf lists each property once, in order of first use, without the properties. prefix', async (t) => {
  t.strictSame(
    propertiesOf(parseCql2Text("properties.eo:cloud_cover < 10 AND (platform = 'a' OR eo:cloud_cover IS NULL)")),
    ['eo:cloud_cover', 'platform'],
  );
});

t.test('propertiesOf looks inside every kind of node', async (t) => {
  const filter = parseCql2Text(
    [
      'NOT CASEI(p1) LIKE CASEI(p2)',
      'p3 BETWEEN p4 AND p5 + 1',
      'p6 IN (p7, 1)',
      'f(p8) IS NULL',
      'S_INTERSECTS(p9, POINT(1 2))',
      "T_DURING(INTERVAL(p10, '..'), INTERVAL('2020-01-01', p11))",
      'A_CONTAINS(p12, ((p13), 1))',
      '-p14 ^ 2 > 0',
    ].join(' AND '),
  );
  t.strictSame(propertiesOf(filter), Array.from({ length: 14 }, (_, i) => `p${i + 1}`));
});

t.test('propertiesOf gives nothing for a filter without properties', async (t) => {
  t.strictSame(propertiesOf(parseCql2Json(true)), []);
  t.strictSame(propertiesOf(parseCql2Text('S_INTERSECTS(POINT(0 0), BBOX(-1, -1, 1, 1))')), []);
});

t.test('propertiesOf copes with hand-built trees deeper than the parser allows', async (t) => {
  let tree: Parameters<typeof propertiesOf>[0] = { kind: 'isNull', value: { kind: 'property', name: 'deep' } };
  for (let i = 0; i < 100_000; i++) tree = { kind: 'not', arg: tree };
  t.strictSame(propertiesOf(tree), ['deep']);
});
