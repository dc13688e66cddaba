import t, { type Test } from 'tap';
import { InvalidRequestError } from '../../../src/errors.js';
import { parseCql2Json, parseCql2Text, type Cql2Node } from '../../../src/stac/cql2/index.js';
import { CQL2_CONSTRUCT_PAIRS } from './fixtures/cql2-construct-pairs.js';
import { OGC_CQL2_EXAMPLES } from './fixtures/ogc-cql2-examples.js';

const property = (name: string): Cql2Node => ({ kind: 'property', name });
const number = (value: number): Cql2Node => ({ kind: 'literal', type: 'number', value });

/** Asserts that parsing fails with InvalidFilter, the description matching `pattern` (which names the JSON pointer). */
function rejects(t: Test, json: unknown, pattern: RegExp): void {
  let error: unknown;
  try {
    parseCql2Json(json);
  } catch (caught) {
    error = caught;
  }
  let label: string;
  try {
    label = JSON.stringify(json)?.slice(0, 80) ?? String(json);
  } catch {
    label = 'a deeply nested value';
  }
  t.ok(error instanceof InvalidRequestError && error.code === 'InvalidFilter', `${label} is an InvalidFilter`);
  t.match(error instanceof Error ? error.message : '', pattern, `${label}: ${error instanceof Error ? error.message : ''}`);
}

t.test('each construct gives the same AST in JSON as in text', async (t) => {
  for (const { name, text, json } of CQL2_CONSTRUCT_PAIRS) {
    t.strictSame(parseCql2Json(JSON.parse(json)), parseCql2Text(text), name);
  }
});

t.test('the OGC and STAC examples give the same AST in JSON as in text', async (t) => {
  for (const { name, text, json } of OGC_CQL2_EXAMPLES) {
    t.strictSame(parseCql2Json(JSON.parse(json)), parseCql2Text(text), name);
  }
});

t.test('the STAC temporal example parses to an interval open at the end', async (t) => {
  t.strictSame(
    parseCql2Json({ op: 't_intersects', args: [{ property: 'datetime' }, { interval: ['2020-01-01T00:00:00Z', '..'] }] }),
    {
      kind: 'temporal',
      op: 't_intersects',
      args: [
        property('datetime'),
        { kind: 'interval', start: { kind: 'literal', type: 'timestamp', value: '2020-01-01T00:00:00Z' }, end: '..' },
      ],
    },
  );
});

t.test('operator names are case-insensitive and lower-cased', async (t) => {
  const expected = parseCql2Json({ op: 'a_containedby', args: [{ property: 'i' }, ['x']] });
  t.strictSame(parseCql2Json({ op: 'A_CONTAINEDBY', args: [{ property: 'i' }, ['x']] }), expected);
  t.strictSame(parseCql2Json({ op: 'a_containedBy', args: [{ property: 'i' }, ['x']] }), expected);
  t.strictSame(parseCql2Json({ op: 'ISNULL', args: [{ property: 'i' }] }), { kind: 'isNull', value: property('i') });
  t.strictSame(parseCql2Json({ op: 'AND', args: [true, false] }), {
    kind: 'and',
    args: [
      { kind: 'literal', type: 'boolean', value: true },
      { kind: 'literal', type: 'boolean', value: false },
    ],
  });
});

t.test('the pre-CQL2 STAC operator names map to their CQL2 operators', async (t) => {
  const same = (legacy: unknown, modern: unknown, label: string) => t.strictSame(parseCql2Json(legacy), parseCql2Json(modern), label);
  const args = [{ property: 'a' }, 1];
  for (const [old, op] of [['eq', '='], ['neq', '<>'], ['lt', '<'], ['lte', '<='], ['gt', '>'], ['gte', '>=']]) {
    same({ op: old, args }, { op, args }, `${old} is ${op}`);
  }
  const geometry = [{ property: 'geometry' }, { type: 'Point', coordinates: [1, 2] }];
  for (const name of ['intersects', 'equals', 'disjoint', 'touches', 'within', 'overlaps', 'crosses', 'contains']) {
    same({ op: name, args: geometry }, { op: `s_${name}`, args: geometry }, `${name} is s_${name}`);
  }
  const times = [{ property: 'datetime' }, { interval: ['2020-01-01', '..'] }];
  for (const [old, op] of [
    ['anyinteracts', 't_intersects'], ['after', 't_after'], ['before', 't_before'], ['tcontains', 't_contains'],
    ['during', 't_during'], ['tequals', 't_equals'], ['begins', 't_starts'], ['begunby', 't_startedby'],
    ['ends', 't_finishes'], ['endedby', 't_finishedby'], ['meets', 't_meets'], ['metby', 't_metby'],
    ['toverlaps', 't_overlaps'], ['overlappedby', 't_overlappedby'],
  ]) {
    same({ op: old, args: times }, { op, args: times }, `${old} is ${op}`);
  }
  const arrays = [{ property: 'instruments' }, ['msi']];
  for (const name of ['equals', 'contains', 'containedby', 'overlaps']) {
    same({ op: `a${name}`, args: arrays }, { op: `a_${name}`, args: arrays }, `a${name} is a_${name}`);
  }
  same({ op: 'between', args: [{ property: 'a' }, [1, 2]] }, { op: 'between', args: [{ property: 'a' }, 1, 2] }, 'between with bounds as an array');
  same({ function: { name: 'avg', args: [{ property: 'a' }] } }, { op: 'avg', args: [{ property: 'a' }] }, 'the draft function form');
});

t.test('GeoJSON literals: every type, foreign members dropped, -0 made 0', async (t) => {
  const geometry = (value: unknown) =>
    (parseCql2Json({ op: 's_intersects', args: [{ property: 'g' }, value] }) as { args: readonly Cql2Node[] }).args[1];
  t.strictSame(geometry({ type: 'Point', coordinates: [-0, 1], bbox: [0, 1, 0, 1], crs: 'x', title: 'y' }), {
    kind: 'geometry',
    geometry: { type: 'Point', coordinates: [0, 1] },
  });
  t.strictSame(geometry({ type: 'MultiPoint', coordinates: [[1, 2, 3]] }), { kind: 'geometry', geometry: { type: 'MultiPoint', coordinates: [[1, 2, 3]] } });
  t.strictSame(geometry({ type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[0, 0], [1, 1]] }] }), {
    kind: 'geometry',
    geometry: { type: 'GeometryCollection', geometries: [{ type: 'LineString', coordinates: [[0, 0], [1, 1]] }] },
  });
  t.strictSame(geometry({ bbox: [-10, -5, 10, 5] }), {
    kind: 'geometry',
    geometry: { type: 'Polygon', coordinates: [[[-10, -5], [10, -5], [10, 5], [-10, 5], [-10, -5]]] },
    bbox: [-10, -5, 10, 5],
  });
});

t.test('errors name the JSON pointer of the offending member', async (t) => {
  rejects(t, { op: '<', args: [{ property: 'eo:cloud_cover' }] }, /^Invalid CQL2 JSON: "<" takes 2 arguments, got 1$/);
  rejects(t, { op: 'and', args: [{ op: '=', args: [{ property: 'a' }, 1] }] }, /"and" takes at least 2 arguments, got 1/);
  rejects(t, { op: 'and', args: [{ op: '=', args: [{ property: 'a' }, 1] }, { property: 'b' }] }, /at \/args\/1: expected a predicate .* found the property 'b'/);
  rejects(t, { op: 't_after', args: [{ property: 'datetime' }, { timestamp: '2020-02-30T00:00:00Z' }] }, /at \/args\/1\/timestamp: '2020-02-30T00:00:00Z' does not fall on a calendar date/);
  rejects(t, { op: 't_after', args: [{ property: 'datetime' }, { interval: ['2020-01-01', 'tomorrow'] }] }, /at \/args\/1\/interval\/1: 'tomorrow' is neither a date/);
  rejects(t, { op: 't_after', args: [{ property: 'datetime' }, { interval: ['2020-01-01'] }] }, /at \/args\/1\/interval: an interval is an array of a start and an end/);
  rejects(t, { op: 't_after', args: [{ property: 'datetime' }, '2020-01-01T00:00:00Z'] }, /at \/args\/1: expected a time .* found a string literal/);
  rejects(t, { op: 's_intersects', args: [{ property: 'g' }, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }] }, /at \/args\/1: Polygon coordinates\[0\]: a ring must be closed/);
  rejects(t, { op: 's_intersects', args: [{ property: 'g' }, { type: 'Point', coordinates: [0, 'x'] }] }, /at \/args\/1: Point coordinates: a position is 2 or 3 finite numbers/);
  rejects(t, { op: 's_intersects', args: [{ property: 'g' }, { type: 'Feature', geometry: null }] }, /a Feature is not a geometry; pass its geometry/);
  rejects(t, { op: 's_intersects', args: [{ property: 'g' }, { type: 'Circle', coordinates: [0, 0] }] }, /'Circle' is not a GeoJSON geometry type/);
  rejects(t, { op: 's_intersects', args: [{ property: 'g' }, { bbox: [0, 0, 1] }] }, /at \/args\/1\/bbox: a bbox has 4 or 6 numbers, got 3/);
  rejects(t, { op: 's_intersects', args: [{ property: 'g' }, { bbox: [0, 0, 1, 'x'] }] }, /at \/args\/1\/bbox: a bbox is an array of 4 or 6 numbers/);
  rejects(t, { op: 'in', args: [{ property: 'a' }, []] }, /at \/args\/1: "in" needs a non-empty array of values/);
  rejects(t, { op: 'in', args: [{ property: 'a' }, [1, { property: 'b', extra: 1 }]] }, /at \/args\/1\/1: unexpected member "extra" beside "property"/);
  rejects(t, { op: '=', args: [{ property: 'a' }, null] }, /at \/args\/1: null is not a CQL2 value/);
  rejects(t, { op: '=', args: [{ property: 'a' }, [1, 2]] }, /at \/args\/1: expected a value .* found an array/);
  rejects(t, { op: '=', args: [{ property: 'a' }, { foo: 1 }] }, /at \/args\/1: expected an object with "op", .* got "foo"/);
  rejects(t, { op: '=', args: [{ property: '' }, 1] }, /at \/args\/0\/property: a property name is empty/);
  rejects(t, { op: '=', args: [{ property: 3 }, 1] }, /at \/args\/0\/property: a property name is a string/);
  rejects(t, { op: 'like', args: [{ property: 'a' }, 5] }, /at \/args\/1: expected a string/);
  rejects(t, { op: 'casei', args: [] }, /CASEI takes one argument, got 0/);
  rejects(t, { op: 'my-function', args: [] }, /unknown operator "my-function"/);
  rejects(t, { op: 'date', args: ['2020-01-01'] }, /"date" is a CQL2 keyword, not a function/);
  rejects(t, { op: 5, args: [] }, /"op" must be a string/);
  rejects(t, { op: 'and', args: {} }, /at \/args: "args" must be an array/);
  rejects(t, { op: 'and', args: [true, true], filter: 1 }, /unexpected member "filter" beside "op" and "args"/);
  rejects(t, { property: 'a' }, /^Invalid CQL2 JSON: expected a predicate .* found the property 'a'$/);
  rejects(t, 'a = 1', /got a string; CQL2 JSON is an object \(parse the JSON text first\)/);
  rejects(t, null, /null is not a CQL2 value/);
  rejects(t, undefined, /undefined is not a CQL2 value/);
  rejects(t, { op: '=', args: [{ property: 'a' }, Number.NaN] }, /numbers must be finite/);
});

t.test('nesting past the limit is InvalidFilter, never a stack overflow', async (t) => {
  let deep: unknown = { op: '=', args: [{ property: 'a' }, 1] };
  for (let i = 0; i < 10_000; i++) deep = { op: 'not', args: [deep] };
  rejects(t, deep, /nests deeper than 100 levels/);
  let array: unknown = ['x'];
  for (let i = 0; i < 10_000; i++) array = [array];
  rejects(t, { op: 'a_equals', args: [{ property: 'a' }, array] }, /nests deeper than 100 levels/);
  let collection: unknown = { type: 'Point', coordinates: [0, 0] };
  for (let i = 0; i < 10_000; i++) collection = { type: 'GeometryCollection', geometries: [collection] };
  rejects(t, { op: 's_intersects', args: [{ property: 'g' }, collection] }, /GeometryCollections are nested too deeply/);
  t.strictSame(parseCql2Json({ op: 'not', args: [{ op: '=', args: [{ property: 'a' }, 1] }] }, { maxDepth: 2 }), {
    kind: 'not',
    arg: { kind: 'comparison', op: '=', left: property('a'), right: number(1) },
  });
  t.throws(() => parseCql2Json({ op: 'not', args: [{ op: '=', args: [{ property: 'a' }, 1] }] }, { maxDepth: 1 }), /nests deeper than 1 levels/);
});
