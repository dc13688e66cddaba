import t, { type Test } from 'tap';
import { InvalidRequestError } from '../../../src/errors.js';
import {
  CQL2_ARRAY_OPERATORS,
  CQL2_SPATIAL_OPERATORS,
  CQL2_TEMPORAL_OPERATORS,
  parseCql2Text,
  type Cql2Node,
  type Cql2Property,
  type Cql2Scalar,
} from '../../../src/stac/cql2/index.js';

const property = (name: string): Cql2Property => ({ kind: 'property', name });
const number = (value: number): Cql2Scalar => ({ kind: 'literal', type: 'number', value });
const string = (value: string): Cql2Scalar => ({ kind: 'literal', type: 'string', value });
const eq = (left: Cql2Scalar, right: Cql2Scalar): Cql2Node => ({ kind: 'comparison', op: '=', left, right });

/** Asserts that parsing fails with InvalidFilter at `offset` (when given), the description matching `pattern`. */
function rejects(t: Test, text: string, offset: number | null, pattern: RegExp): void {
  let error: unknown;
  try {
    parseCql2Text(text);
  } catch (caught) {
    error = caught;
  }
  const label = JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
  t.ok(error instanceof InvalidRequestError && error.code === 'InvalidFilter', `${label} is an InvalidFilter`);
  const message = error instanceof Error ? error.message : '';
  t.match(message, pattern, `${label}: ${message}`);
  if (offset !== null) t.ok(message.includes(`at offset ${offset} `), `${label} names offset ${offset}`);
}

t.test('the STAC filter extension example parses to an AND of two comparisons', async (t) => {
  t.strictSame(parseCql2Text("eo:cloud_cover < 10 AND platform = 'sentinel-2a'"), {
    kind: 'and',
    args: [
      { kind: 'comparison', op: '<', left: property('eo:cloud_cover'), right: number(10) },
      eq(property('platform'), string('sentinel-2a')),
    ],
  });
});

t.test('AND binds tighter than OR, and NOT tighter than AND', async (t) => {
  const [a, b, c] = [eq(property('a'), number(1)), eq(property('b'), number(2)), eq(property('c'), number(3))];
  t.strictSame(parseCql2Text('a = 1 OR b = 2 AND c = 3'), { kind: 'or', args: [a, { kind: 'and', args: [b, c] }] });
  t.strictSame(parseCql2Text('a = 1 AND b = 2 OR c = 3'), { kind: 'or', args: [{ kind: 'and', args: [a, b] }, c] });
  t.strictSame(parseCql2Text('(a = 1 OR b = 2) AND c = 3'), { kind: 'and', args: [{ kind: 'or', args: [a, b] }, c] });
  t.strictSame(parseCql2Text('NOT a = 1 AND b = 2'), { kind: 'and', args: [{ kind: 'not', arg: a }, b] });
  t.strictSame(parseCql2Text('NOT NOT a = 1'), { kind: 'not', arg: { kind: 'not', arg: a } });
  t.strictSame(parseCql2Text('a = 1 AND (b = 2 AND c = 3)'), { kind: 'and', args: [a, b, c] }, 'nested ANDs flatten');
  t.strictSame(parseCql2Text('((a = 1))'), a, 'redundant parentheses vanish');
});

t.test('keywords and function names are case-insensitive', async (t) => {
  const canonical = parseCql2Text(
    "a IS NOT NULL AND b NOT LIKE 'x%' AND c BETWEEN 1 AND 2 AND d IN (1) AND S_INTERSECTS(g, POINT(1 2)) AND e = TRUE",
  );
  t.strictSame(
    parseCql2Text("a is not null and b not like 'x%' and c between 1 and 2 and d in (1) and s_intersects(g, point(1 2)) and e = true"),
    canonical,
  );
  t.strictSame(
    parseCql2Text("a Is NoT nUlL aNd b NoT lIkE 'x%' AnD c BeTwEeN 1 aNd 2 AnD d In (1) AnD S_Intersects(g, Point(1 2)) AnD e = True"),
    canonical,
  );
});

t.test('property names: prefixed, colon, dotted, quoted, keyword-like', async (t) => {
  t.strictSame(parseCql2Text('properties.eo:cloud_cover = 1'), eq(property('eo:cloud_cover'), number(1)));
  t.strictSame(parseCql2Text('"properties.eo:cloud_cover" = 1'), eq(property('eo:cloud_cover'), number(1)));
  t.strictSame(parseCql2Text('assets.visual.href = 1'), eq(property('assets.visual.href'), number(1)));
  t.strictSame(parseCql2Text('"a ""b"" c" = 1'), eq(property('a "b" c'), number(1)), '"" escapes a double quote');
  t.strictSame(parseCql2Text('"AND" = 1'), eq(property('AND'), number(1)), 'quoted keywords are properties');
  t.strictSame(parseCql2Text('date = 1'), eq(property('date'), number(1)), 'DATE without ( is a property');
  t.strictSame(parseCql2Text('Höhe_über_NN > 1'), {
    kind: 'comparison',
    op: '>',
    left: property('Höhe_über_NN'),
    right: number(1),
  });
});

t.test('string literals unescape both quote escapes and keep other backslashes', async (t) => {
  t.strictSame(parseCql2Text("a = 'it''s'"), eq(property('a'), string("it's")));
  t.strictSame(parseCql2Text(String.raw`a = 'it\'s'`), eq(property('a'), string("it's")));
  t.strictSame(parseCql2Text(String.raw`a LIKE '100\%'`), { kind: 'like', value: property('a'), pattern: string(String.raw`100\%`) });
  t.strictSame(parseCql2Text("a = ''"), eq(property('a'), string('')));
  t.strictSame(parseCql2Text("a = 'Οδος ünïcödé'"), eq(property('a'), string('Οδος ünïcödé')));
});

t.test('numbers: integers, decimals, exponents, signs', async (t) => {
  const value = (text: string) => (parseCql2Text(`a = ${text}`) as { right: Cql2Node }).right;
  t.strictSame(value('12'), number(12));
  t.strictSame(value('1.5'), number(1.5));
  t.strictSame(value('.5'), number(0.5));
  t.strictSame(value('2.'), number(2));
  t.strictSame(value('1e3'), number(1000));
  t.strictSame(value('1.5E-2'), number(0.015));
  t.strictSame(value('-3'), number(-3));
  t.strictSame(value('- 3'), number(-3));
  t.strictSame(value('+3'), number(3));
  t.strictSame(value('--3'), number(3));
  t.strictSame(value('-0'), number(0));
});

t.test('timestamps and dates are validated; timestamps come out in UTC', async (t) => {
  t.strictSame(parseCql2Text("a = TIMESTAMP('2020-01-01T00:00:00Z')"), eq(property('a'), {
    kind: 'literal',
    type: 'timestamp',
    value: '2020-01-01T00:00:00Z',
  }));
  t.strictSame(parseCql2Text("a = timestamp('2020-01-01t01:30:00.120+01:30')"), eq(property('a'), {
    kind: 'literal',
    type: 'timestamp',
    value: '2020-01-01T00:00:00.12Z',
  }));
  t.strictSame(parseCql2Text("a = DATE('2024-02-29')"), eq(property('a'), { kind: 'literal', type: 'date', value: '2024-02-29' }));
  rejects(t, "a = TIMESTAMP('2020-01-01')", 14, /'2020-01-01' is not an RFC 3339 timestamp/);
  rejects(t, "a = TIMESTAMP('2020-01-01T25:00:00Z')", 14, /no such time of day/);
  rejects(t, "a = DATE('2023-02-29')", 9, /'2023-02-29' is not a calendar date/);
  rejects(t, "a = DATE('2023-02-01T00:00:00Z')", 9, /is not a date/);
  rejects(t, 'a = DATE(2023)', 9, /expected a quoted date string/);
});

t.test('intervals: literal ends, open ends, property ends', async (t) => {
  const interval = (text: string) =>
    (parseCql2Text(`T_DURING(datetime, ${text})`) as { args: readonly Cql2Node[] }).args[1];
  t.strictSame(interval("INTERVAL('2020-01-01', '2020-12-31T23:59:59Z')"), {
    kind: 'interval',
    start: { kind: 'literal', type: 'date', value: '2020-01-01' },
    end: { kind: 'literal', type: 'timestamp', value: '2020-12-31T23:59:59Z' },
  });
  t.strictSame(interval("INTERVAL('..', '..')"), { kind: 'interval', start: '..', end: '..' });
  t.strictSame(interval("INTERVAL(start_datetime, '..')"), { kind: 'interval', start: property('start_datetime'), end: '..' });
  t.strictSame(interval("INTERVAL(DATE('2020-01-01'), '..')"), {
    kind: 'interval',
    start: { kind: 'literal', type: 'date', value: '2020-01-01' },
    end: '..',
  });
  rejects(t, "T_DURING(datetime, INTERVAL('2021-01-01', '2020-01-01'))", 19, /starts \(2021-01-01\) after it ends/);
  rejects(t, "T_DURING(datetime, INTERVAL('soon', '..'))", 28, /'soon' is neither a date/);
  rejects(t, "T_DURING(datetime, INTERVAL('2020-01-01'))", 40, /INTERVAL takes a start and an end/);
  rejects(t, "T_DURING(datetime, INTERVAL(1, '..'))", 28, /expected an interval end/);
});

t.test('LIKE, BETWEEN, IN and IS NULL, plain and negated', async (t) => {
  const like = { kind: 'like', value: property('a'), pattern: string('x%') };
  t.strictSame(parseCql2Text("a LIKE 'x%'"), like);
  t.strictSame(parseCql2Text("a NOT LIKE 'x%'"), { kind: 'not', arg: like });
  t.strictSame(parseCql2Text("NOT a LIKE 'x%'"), { kind: 'not', arg: like }, 'both spellings give one AST');
  const between = { kind: 'between', value: property('a'), low: number(1), high: { kind: 'arithmetic', op: '+', left: number(2), right: number(3) } };
  t.strictSame(parseCql2Text('a BETWEEN 1 AND 2 + 3'), between);
  t.strictSame(parseCql2Text('a NOT BETWEEN 1 AND 2 + 3'), { kind: 'not', arg: between });
  t.strictSame(parseCql2Text('a BETWEEN 1 AND 2 AND b = 1'), {
    kind: 'and',
    args: [{ kind: 'between', value: property('a'), low: number(1), high: number(2) }, eq(property('b'), number(1))],
  }, 'the AND after the bounds is a logical AND');
  const inList = { kind: 'in', value: property('a'), list: [string('x'), { kind: 'function', name: 'casei', args: [string('Y')] }] };
  t.strictSame(parseCql2Text("a IN ('x', CASEI('Y'))"), inList);
  t.strictSame(parseCql2Text("a NOT IN ('x', CASEI('Y'))"), { kind: 'not', arg: inList });
  t.strictSame(parseCql2Text('a IS NULL'), { kind: 'isNull', value: property('a') });
  t.strictSame(parseCql2Text('a IS NOT NULL'), { kind: 'not', arg: { kind: 'isNull', value: property('a') } });
  t.strictSame(parseCql2Text('(a = 1) IS NULL'), { kind: 'isNull', value: eq(property('a'), number(1)) }, 'a predicate may be tested for null');
});

t.test('CASEI and ACCENTI parse as functions with one character argument', async (t) => {
  t.strictSame(parseCql2Text("CASEI(platform) = casei('Sentinel-2A')"), eq(
    { kind: 'function', name: 'casei', args: [property('platform')] },
    { kind: 'function', name: 'casei', args: [string('Sentinel-2A')] },
  ));
  t.strictSame(parseCql2Text("ACCENTI(CASEI(title)) LIKE 'zur%'"), {
    kind: 'like',
    value: { kind: 'function', name: 'accenti', args: [{ kind: 'function', name: 'casei', args: [property('title')] }] },
    pattern: string('zur%'),
  });
  rejects(t, "CASEI(a, b) = 'x'", 0, /CASEI takes one argument, got 2/);
  rejects(t, 'CASEI(1) = 1', 6, /expected a string/);
});

t.test('other functions keep their arguments, names lower-cased', async (t) => {
  t.strictSame(parseCql2Text('avg(windSpeed) < 4'), {
    kind: 'comparison',
    op: '<',
    left: { kind: 'function', name: 'avg', args: [property('windSpeed')] },
    right: number(4),
  });
  t.strictSame(parseCql2Text('Now() = TRUE'), eq({ kind: 'function', name: 'now', args: [] }, { kind: 'literal', type: 'boolean', value: true }));
  t.strictSame(parseCql2Text("f(('a', 'b'))"), { kind: 'function', name: 'f', args: [{ kind: 'arrayLiteral', elements: [string('a'), string('b')] }] });
  t.strictSame(parseCql2Text('isValid(geometry)'), { kind: 'function', name: 'isvalid', args: [property('geometry')] }, 'a function alone is a predicate');
});

t.test('every spatial operator, with every WKT type', async (t) => {
  for (const op of CQL2_SPATIAL_OPERATORS) {
    t.strictSame(parseCql2Text(`${op.toUpperCase()}(geometry, POINT(1 2))`), {
      kind: 'spatial',
      op,
      args: [property('geometry'), { kind: 'geometry', geometry: { type: 'Point', coordinates: [1, 2] } }],
    });
  }
  const geometry = (wkt: string) => ((parseCql2Text(`S_INTERSECTS(g, ${wkt})`) as { args: readonly Cql2Node[] }).args[1] as { geometry: unknown }).geometry;
  t.strictSame(geometry('POINT(-1.5 2e1)'), { type: 'Point', coordinates: [-1.5, 20] });
  t.strictSame(geometry('POINT Z (1 2 3)'), { type: 'Point', coordinates: [1, 2, 3] });
  t.strictSame(geometry('POINT(1 2 -3)'), { type: 'Point', coordinates: [1, 2, -3] }, 'a third number needs no Z tag');
  t.strictSame(geometry('LINESTRING(0 0, 1 1, 2 0)'), { type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 0]] });
  t.strictSame(geometry('POLYGON((0 0, 1 0, 1 1, 0 0))'), { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
  t.strictSame(geometry('MULTIPOINT((0 0), (1 1))'), { type: 'MultiPoint', coordinates: [[0, 0], [1, 1]] });
  t.strictSame(geometry('MULTIPOINT(0 0, 1 1)'), { type: 'MultiPoint', coordinates: [[0, 0], [1, 1]] });
  t.strictSame(geometry('MULTILINESTRING((0 0, 1 1), (2 2, 3 3))'), { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3]]] });
  t.strictSame(geometry('MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)))'), { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] });
  t.strictSame(geometry('GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(0 0, 1 1))'), {
    type: 'GeometryCollection',
    geometries: [{ type: 'Point', coordinates: [0, 0] }, { type: 'LineString', coordinates: [[0, 0], [1, 1]] }],
  });
  t.strictSame(parseCql2Text('S_EQUALS(POINT(1 2), POINT(1 2))'), {
    kind: 'spatial',
    op: 's_equals',
    args: [
      { kind: 'geometry', geometry: { type: 'Point', coordinates: [1, 2] } },
      { kind: 'geometry', geometry: { type: 'Point', coordinates: [1, 2] } },
    ],
  }, 'two literals');
  t.strictSame(parseCql2Text('point IS NULL'), { kind: 'isNull', value: property('point') }, 'POINT without ( is a property');
});

t.test('malformed geometries are refused at the geometry', async (t) => {
  rejects(t, 'S_INTERSECTS(g, POLYGON((0 0, 1 0, 1 1, 0 1)))', 16, /ring must be closed/);
  rejects(t, 'S_INTERSECTS(g, POLYGON((0 0, 1 0, 0 0)))', 16, /at least 4 members/);
  rejects(t, 'S_INTERSECTS(g, LINESTRING(0 0))', 16, /at least 2 members/);
  rejects(t, 'S_INTERSECTS(g, POINT(1))', 23, /expected a number/);
  rejects(t, 'S_INTERSECTS(g, POINT(1 2 3 4))', 28, /expected '\)' after the position/);
  rejects(t, 'S_INTERSECTS(g, POINT EMPTY)', 22, /EMPTY geometries are not supported/);
  rejects(t, 'S_INTERSECTS(g, POINT M (1 2 3))', 22, /M geometries are not supported/);
  rejects(t, 'S_INTERSECTS(g, GEOMETRYCOLLECTION(1 2))', 35, /expected a geometry/);
  rejects(t, 'S_INTERSECTS(g, 1)', 16, /expected a geometry/);
  rejects(t, 'S_INTERSECTS(g)', 14, /S_INTERSECTS takes two arguments/);
});

t.test('BBOX becomes a polygon, or two across the antimeridian, keeping its numbers', async (t) => {
  const bbox = (text: string) => (parseCql2Text(`S_INTERSECTS(g, ${text})`) as { args: readonly Cql2Node[] }).args[1];
  t.strictSame(bbox('BBOX(-10, -5, 10, 5)'), {
    kind: 'geometry',
    geometry: { type: 'Polygon', coordinates: [[[-10, -5], [10, -5], [10, 5], [-10, 5], [-10, -5]]] },
    bbox: [-10, -5, 10, 5],
  });
  t.strictSame(bbox('BBOX(-10, -5, 0, 10, 5, 100)'), {
    kind: 'geometry',
    geometry: { type: 'Polygon', coordinates: [[[-10, -5], [10, -5], [10, 5], [-10, 5], [-10, -5]]] },
    bbox: [-10, -5, 0, 10, 5, 100],
  });
  t.strictSame(bbox('bbox(170, -5, -170, 5)'), {
    kind: 'geometry',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [[[170, -5], [180, -5], [180, 5], [170, 5], [170, -5]]],
        [[[-180, -5], [-170, -5], [-170, 5], [-180, 5], [-180, -5]]],
      ],
    },
    bbox: [170, -5, -170, 5],
  });
  rejects(t, 'S_INTERSECTS(g, BBOX(1, 2, 3))', 16, /a bbox has 4 or 6 numbers, got 3/);
  rejects(t, 'S_INTERSECTS(g, BBOX(0, 10, 1, 5))', 16, /south \(10\) is above north \(5\)/);
  rejects(t, 'S_INTERSECTS(g, BBOX(0, 0, 200, 5))', 16, /longitudes must lie in \[-180, 180\]/);
  rejects(t, 'S_INTERSECTS(g, BBOX(0, a, 1, 5))', 24, /expected a number/);
});

t.test('every temporal operator, on instants and intervals', async (t) => {
  for (const op of CQL2_TEMPORAL_OPERATORS) {
    t.strictSame(parseCql2Text(`${op.toUpperCase()}(datetime, TIMESTAMP('2020-01-01T00:00:00Z'))`), {
      kind: 'temporal',
      op,
      args: [property('datetime'), { kind: 'literal', type: 'timestamp', value: '2020-01-01T00:00:00Z' }],
    });
  }
  t.strictSame(parseCql2Text("T_INTERSECTS(datetime, INTERVAL('2020-01-01T00:00:00Z','..'))"), {
    kind: 'temporal',
    op: 't_intersects',
    args: [property('datetime'), { kind: 'interval', start: { kind: 'literal', type: 'timestamp', value: '2020-01-01T00:00:00Z' }, end: '..' }],
  });
  rejects(t, "T_AFTER(datetime, '2020-01-01')", 18, /expected a time/);
});

t.test('every array operator; parentheses in their arguments are arrays', async (t) => {
  for (const op of CQL2_ARRAY_OPERATORS) {
    t.strictSame(parseCql2Text(`${op.toUpperCase()}(instruments, ('msi'))`), {
      kind: 'array',
      op,
      args: [property('instruments'), { kind: 'arrayLiteral', elements: [string('msi')] }],
    });
  }
  t.strictSame(parseCql2Text("A_EQUALS((), (('a', 1), TIMESTAMP('2020-01-01T00:00:00Z'), POINT(1 2), 1 + 2))"), {
    kind: 'array',
    op: 'a_equals',
    args: [
      { kind: 'arrayLiteral', elements: [] },
      {
        kind: 'arrayLiteral',
        elements: [
          { kind: 'arrayLiteral', elements: [string('a'), number(1)] },
          { kind: 'literal', type: 'timestamp', value: '2020-01-01T00:00:00Z' },
          { kind: 'geometry', geometry: { type: 'Point', coordinates: [1, 2] } },
          { kind: 'arithmetic', op: '+', left: number(1), right: number(2) },
        ],
      },
    ],
  });
  rejects(t, "A_CONTAINS(instruments, 'msi')", 24, /expected an array/);
});

t.test('arithmetic precedence and associativity', async (t) => {
  const arithmetic = (op: string, left: Cql2Node, right: Cql2Node): Cql2Node => ({ kind: 'arithmetic', op, left, right }) as Cql2Node;
  const left = (text: string) => (parseCql2Text(`${text} = 0`) as { left: Cql2Node }).left;
  const [a, b, c] = [property('a'), property('b'), property('c')];
  t.strictSame(left('a + b * c'), arithmetic('+', a, arithmetic('*', b, c)));
  t.strictSame(left('(a + b) * c'), arithmetic('*', arithmetic('+', a, b), c));
  t.strictSame(left('a - b - c'), arithmetic('-', arithmetic('-', a, b), c));
  t.strictSame(left('a / b % c'), arithmetic('%', arithmetic('/', a, b), c));
  t.strictSame(left('a div b'), arithmetic('div', a, b));
  t.strictSame(left('a DIV b * c'), arithmetic('*', arithmetic('div', a, b), c));
  t.strictSame(left('a ^ b ^ c'), arithmetic('^', a, arithmetic('^', b, c)), '^ is right-associative');
  t.strictSame(left('a * b ^ c'), arithmetic('*', a, arithmetic('^', b, c)));
  t.strictSame(left('-a'), arithmetic('*', number(-1), a), 'unary minus is -1 *');
  t.strictSame(left('-2 ^ 2'), arithmetic('^', number(-2), number(2)), 'unary minus binds tighter than ^ (CQL2 BNF)');
  t.strictSame(left('a-1'), arithmetic('-', a, number(1)), 'a - needs no blanks');
  rejects(t, "a + 'x' = 0", 4, /expected a number/);
  rejects(t, 'a + (b = 1) = 0', 4, /expected a number .* found a comparison/);
});

t.test('syntax errors name the offset and the token there', async (t) => {
  rejects(t, 'eo:cloud_cover < ', 17, /\(end of input\): expected a value or a predicate/);
  rejects(t, '', 0, /the filter is empty/);
  rejects(t, '   ', 3, /the filter is empty/);
  rejects(t, "a = 'x", 4, /unterminated string/);
  rejects(t, 'a = "x', 4, /unterminated quoted identifier/);
  rejects(t, 'a = ""', 4, /quoted identifier is empty/);
  rejects(t, 'a = 1)', 5, /\('\)'\): expected AND, OR or the end of the filter/);
  rejects(t, 'a = 1 = 2', 6, /expected AND, OR/);
  rejects(t, '(a = 1', 6, /expected '\)'/);
  rejects(t, 'a = 1 AND', 9, /expected a value or a predicate/);
  rejects(t, 'a = 1 AND AND b = 2', 10, /unexpected AND/);
  rejects(t, 'a != 1', 2, /CQL2 writes "not equal" as <>/);
  rejects(t, 'a = 1 ; b = 2', 6, /\(';'\): unexpected character/);
  rejects(t, 'a = 12abc', 4, /malformed number/);
  rejects(t, 'a = 1e999', 4, /out of range/);
  rejects(t, 'a NOT = 1', 6, /expected LIKE, BETWEEN or IN after NOT/);
  rejects(t, 'a IS 1', 5, /expected NOT or NULL after IS/);
  rejects(t, 'a BETWEEN 1 OR 2', 12, /expected AND between the bounds/);
  rejects(t, 'a IN 1', 5, /expected \( and a list after IN/);
  rejects(t, 'a IN ()', 6, /expected a value/);
  rejects(t, 'a', 0, /expected a predicate .*, found the property 'a'/);
  rejects(t, "'x'", 0, /found a string literal/);
  rejects(t, 'a = 1 AND 2', 10, /expected a predicate .* found a number literal/);
  rejects(t, 'a = NULL', 4, /unexpected NULL/);
  rejects(t, 'a = (1, 2)', 4, /expected a value .* found an array/);
  rejects(t, 'a = POINT(1 2)', 4, /expected a value .* found a geometry/);
  rejects(t, "a LIKE 5", 7, /expected a string/);
  rejects(t, "5 LIKE 'x'", 0, /expected a string/);
  rejects(t, "a BETWEEN 'x' AND 'y'", 10, /expected a number/);
});

t.test('limits: nesting and length give InvalidFilter, never a stack overflow', async (t) => {
  rejects(t, `${'('.repeat(101)}a = 1${')'.repeat(101)}`, 100, /nests deeper than 100 levels/);
  rejects(t, `${'('.repeat(100_000 - 10)}a = 1`, 100, /nests deeper than 100 levels/);
  rejects(t, `${'NOT '.repeat(200)}a = 1`, 400, /nests deeper than 100 levels/);
  rejects(t, `a = ${'-'.repeat(500)}1`, 104, /nests deeper than 100 levels/);
  rejects(t, `a = ${'f('.repeat(500)}1${')'.repeat(500)}`, 204, /nests deeper than 100 levels/);
  rejects(t, `a = 2${' ^ 2'.repeat(500)}`, null, /nests deeper than 100 levels/);
  rejects(t, `a = '${'x'.repeat(100_000)}'`, null, /^Invalid CQL2 text: 100006 characters, over the limit of 100000$/);
  t.ok(parseCql2Text(`${'('.repeat(99)}a = 1${')'.repeat(99)}`), '99 levels are fine');
  t.throws(() => parseCql2Text('((a = 1))', { maxDepth: 1 }), /nests deeper than 1 levels/, 'limits can be lowered');

  const terms = Array.from({ length: 5000 }, (_, i) => `p${i} = ${i}`);
  const wide = parseCql2Text(terms.join(' AND '));
  t.equal(wide.kind === 'and' && wide.args.length, 5000, 'a long flat AND is not nesting');
  const started = performance.now();
  parseCql2Text(`S_INTERSECTS(g, LINESTRING(${Array.from({ length: 8000 }, (_, i) => `${i} ${i}`).join(', ')}))`);
  t.ok(performance.now() - started < 1000, 'a 90,000-character linestring parses quickly');
});
