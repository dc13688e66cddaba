import t from 'tap';
import {
  CQL2_ARITHMETIC_OPERATORS,
  CQL2_ARRAY_OPERATORS,
  CQL2_COMPARISON_OPERATORS,
  CQL2_SPATIAL_OPERATORS,
  CQL2_TEMPORAL_OPERATORS,
  cql2ToText,
  parseCql2Json,
  parseCql2Text,
  type Cql2ArrayElement,
  type Cql2Expression,
  type Cql2Node,
  type Cql2NumericExpression,
  type Cql2Scalar,
  type Cql2TemporalExpression,
} from '../../../src/stac/cql2/index.js';
import { CQL2_CONSTRUCT_PAIRS } from './fixtures/cql2-construct-pairs.js';
import { OGC_CQL2_EXAMPLES } from './fixtures/ogc-cql2-examples.js';

t.test('text -> AST -> text -> AST gives the same AST, for every fixture in both encodings', async (t) => {
  for (const { name, text, json } of [...CQL2_CONSTRUCT_PAIRS, ...OGC_CQL2_EXAMPLES]) {
    const fromText = parseCql2Text(text);
    const printed = cql2ToText(fromText);
    t.strictSame(parseCql2Text(printed), fromText, `${name}: ${printed}`);
    t.equal(cql2ToText(parseCql2Text(printed)), printed, `${name}: printing is stable`);
    const fromJson = parseCql2Json(JSON.parse(json));
    t.strictSame(parseCql2Text(cql2ToText(fromJson)), fromJson, `${name} (from JSON)`);
  }
});

t.test('the printed text is canonical', async (t) => {
  const cases: [string, string][] = [
    ["eo:cloud_cover<10 and platform='sentinel-2a'", "eo:cloud_cover < 10 AND platform = 'sentinel-2a'"],
    ['(a = 1 OR b = 2) AND c = 3', '(a = 1 OR b = 2) AND c = 3'],
    ['a = 1 OR (b = 2 AND c = 3)', 'a = 1 OR b = 2 AND c = 3'],
    ['NOT (a = 1 AND b = 2)', 'NOT (a = 1 AND b = 2)'],
    ['NOT (a = 1)', 'NOT a = 1'],
    ["NOT a LIKE 'x'", "a NOT LIKE 'x'"],
    ['NOT (a IS NULL)', 'a IS NOT NULL'],
    ['NOT a BETWEEN 1 AND 2', 'a NOT BETWEEN 1 AND 2'],
    ["not a in ('x','y')", "a NOT IN ('x', 'y')"],
    ['(a = 1) IS NULL', '(a = 1) IS NULL'],
    ['properties.gsd >= 10', 'gsd >= 10'],
    ['"sar:product type" = \'GRD\'', '"sar:product type" = \'GRD\''],
    ['"and" = 1', '"and" = 1'],
    ['"date" = 1', '"date" = 1'],
    ["title = 'it\\'s'", "title = 'it''s'"],
    ['a = (b + c) * d', 'a = (b + c) * d'],
    ['a = b - (c - d)', 'a = b - (c - d)'],
    ['a = (b - c) - d', 'a = b - c - d'],
    ['a = b ^ c ^ d', 'a = b ^ (c ^ d)'],
    ['a = -b', 'a = -1 * b'],
    ['a = - - 3', 'a = 3'],
    ['a = 1.50', 'a = 1.5'],
    ['a = b div 2', 'a = b div 2'],
    ["t_after(datetime, timestamp('2020-01-01t02:00:00.000+02:00'))", "T_AFTER(datetime, TIMESTAMP('2020-01-01T00:00:00Z'))"],
    ["T_DURING(datetime, INTERVAL('2020-01-01','..'))", "T_DURING(datetime, INTERVAL('2020-01-01', '..'))"],
    ['s_intersects(geometry, bbox(-10,-5,10,5))', 'S_INTERSECTS(geometry, BBOX(-10, -5, 10, 5))'],
    ['S_INTERSECTS(geometry, POINT Z (1 2 3))', 'S_INTERSECTS(geometry, POINT(1 2 3))'],
    ['S_INTERSECTS(geometry, MULTIPOINT(1 2, 3 4))', 'S_INTERSECTS(geometry, MULTIPOINT((1 2), (3 4)))'],
    ["a_contains(instruments, ('msi'))", "A_CONTAINS(instruments, ('msi'))"],
    ["casei(platform) = casei('S2A')", "CASEI(platform) = CASEI('S2A')"],
    ['Avg(x) > 1', 'avg(x) > 1'],
    ['true', 'TRUE'],
  ];
  for (const [input, expected] of cases) t.equal(cql2ToText(parseCql2Text(input)), expected, input);
});

t.test('any node prints, not only whole filters', async (t) => {
  t.equal(cql2ToText({ kind: 'property', name: 'eo:cloud_cover' }), 'eo:cloud_cover');
  t.equal(cql2ToText({ kind: 'geometry', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }), 'POLYGON((0 0, 1 0, 1 1, 0 0))');
  t.equal(cql2ToText({ kind: 'interval', start: '..', end: { kind: 'property', name: 'end_datetime' } }), "INTERVAL('..', end_datetime)");
  t.equal(cql2ToText({ kind: 'arrayLiteral', elements: [] }), '()');
});

// Random trees of the shapes the parsers produce, printed and read back: a net for precedence slips.
t.test('randomly built ASTs survive printing and reading back', async (t) => {
  let seed = 20240611;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const property = (): Cql2Node => ({ kind: 'property', name: pick(['a', 'eo:cloud_cover', 'view:off_nadir', 'x y', 'AND', 'ö.ß']) });
  const numeric = (depth: number): Cql2NumericExpression => {
    const roll = random();
    if (depth <= 0 || roll < 0.3) return { kind: 'literal', type: 'number', value: pick([0, 1, -2, 3.25, -0.5, 1e21, 1e-7]) };
    if (roll < 0.55) return property() as Cql2NumericExpression;
    if (roll < 0.65) return { kind: 'function', name: pick(['abs', 'f']), args: [numeric(depth - 1)] };
    return { kind: 'arithmetic', op: pick(CQL2_ARITHMETIC_OPERATORS), left: numeric(depth - 1), right: numeric(depth - 1) };
  };
  const scalar = (depth: number): Cql2Scalar => {
    const roll = random();
    if (roll < 0.2) return { kind: 'literal', type: 'string', value: pick(['', "it's", 'Οδος', '%x_']) };
    if (roll < 0.3) return { kind: 'literal', type: 'boolean', value: random() < 0.5 };
    if (roll < 0.4) return { kind: 'literal', type: 'timestamp', value: pick(['2020-01-01T00:00:00Z', '1999-12-31T23:59:59.123456Z']) };
    if (roll < 0.45) return { kind: 'literal', type: 'date', value: '2020-02-29' };
    if (roll < 0.5) return { kind: 'function', name: 'casei', args: [{ kind: 'literal', type: 'string', value: 'X' }] };
    return numeric(depth);
  };
  const temporal = (): Cql2TemporalExpression => {
    const roll = random();
    if (roll < 0.3) return property() as Cql2TemporalExpression;
    if (roll < 0.5) return { kind: 'literal', type: 'date', value: '2021-06-30' };
    return {
      kind: 'interval',
      start: pick(['..', { kind: 'literal', type: 'date', value: '2000-01-01' }, { kind: 'property', name: 'start_datetime' }] as const),
      end: pick(['..', { kind: 'literal', type: 'timestamp', value: '2030-01-01T00:00:00.5Z' }, { kind: 'property', name: 'end' }] as const),
    };
  };
  const arrayLiteral = (depth: number): Cql2Node => ({
    kind: 'arrayLiteral',
    elements: Array.from({ length: Math.floor(random() * 3) }, (): Cql2ArrayElement =>
      depth > 0 && random() < 0.3 ? (arrayLiteral(depth - 1) as Cql2ArrayElement) : scalar(1),
    ),
  });
  const predicate = (depth: number): Cql2Expression => {
    const roll = random();
    if (depth <= 0 || roll < 0.25) {
      return { kind: 'comparison', op: pick(CQL2_COMPARISON_OPERATORS), left: scalar(2), right: scalar(2) };
    }
    if (roll < 0.4) {
      const kind = pick(['and', 'or'] as const);
      const args = Array.from({ length: 2 + Math.floor(random() * 2) }, () => predicate(depth - 1)).filter((arg) => arg.kind !== kind);
      if (args.length >= 2) return { kind, args };
    }
    if (roll < 0.5) return { kind: 'not', arg: predicate(depth - 1) };
    if (roll < 0.55) return { kind: 'like', value: property() as never, pattern: { kind: 'literal', type: 'string', value: 'a%' } };
    if (roll < 0.6) return { kind: 'between', value: numeric(1), low: numeric(2), high: numeric(2) };
    if (roll < 0.65) return { kind: 'in', value: scalar(1), list: [scalar(1), scalar(2)] };
    if (roll < 0.7) return { kind: 'isNull', value: random() < 0.5 ? scalar(2) : predicate(depth - 1) };
    if (roll < 0.75) {
      return {
        kind: 'spatial',
        op: pick(CQL2_SPATIAL_OPERATORS),
        args: [property() as never, { kind: 'geometry', geometry: { type: 'LineString', coordinates: [[-1.5, 2], [3, -4, 5]] } }],
      };
    }
    if (roll < 0.85) return { kind: 'temporal', op: pick(CQL2_TEMPORAL_OPERATORS), args: [temporal(), temporal()] };
    if (roll < 0.95) return { kind: 'array', op: pick(CQL2_ARRAY_OPERATORS), args: [property() as never, arrayLiteral(2) as never] };
    return { kind: 'literal', type: 'boolean', value: random() < 0.5 };
  };
  for (let i = 0; i < 500; i++) {
    const tree = predicate(4);
    const text = cql2ToText(tree);
    const back = parseCql2Text(text);
    if (JSON.stringify(back) !== JSON.stringify(tree)) t.strictSame(back, tree, text);
  }
  t.pass('500 random trees read back the same');
});
