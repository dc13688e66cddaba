import {
  CQL2_ARITHMETIC_OPERATORS,
  CQL2_ARRAY_OPERATORS,
  CQL2_COMPARISON_OPERATORS,
  CQL2_SPATIAL_OPERATORS,
  CQL2_TEMPORAL_OPERATORS,
  type Cql2ArithmeticOperator,
  type Cql2ArrayOperator,
  type Cql2ComparisonOperator,
  type Cql2SpatialOperator,
  type Cql2TemporalOperator,
} from './cql2-ast.js';

/** What an operator name (a JSON `op`, or a function name in text) stands for. */
export type Cql2OperatorInfo =
  | { readonly family: 'logical'; readonly op: 'and' | 'or' | 'not' }
  | { readonly family: 'comparison'; readonly op: Cql2ComparisonOperator }
  | { readonly family: 'like' }
  | { readonly family: 'between' }
  | { readonly family: 'in' }
  | { readonly family: 'isNull' }
  | { readonly family: 'spatial'; readonly op: Cql2SpatialOperator }
  | { readonly family: 'temporal'; readonly op: Cql2TemporalOperator }
  | { readonly family: 'array'; readonly op: Cql2ArrayOperator }
  | { readonly family: 'arithmetic'; readonly op: Cql2ArithmeticOperator }
  | { readonly family: 'function'; readonly name: string };

const STANDARD = new Map<string, Cql2OperatorInfo>([
  ['and', { family: 'logical', op: 'and' }],
  ['or', { family: 'logical', op: 'or' }],
  ['not', { family: 'logical', op: 'not' }],
  ['like', { family: 'like' }],
  ['between', { family: 'between' }],
  ['in', { family: 'in' }],
  ['isnull', { family: 'isNull' }],
  ...CQL2_COMPARISON_OPERATORS.map((op) => [op, { family: 'comparison', op }] as const),
  ...CQL2_ARITHMETIC_OPERATORS.map((op) => [op, { family: 'arithmetic', op }] as const),
  ...CQL2_SPATIAL_OPERATORS.map((op) => [op, { family: 'spatial', op }] as const),
  ...CQL2_TEMPORAL_OPERATORS.map((op) => [op, { family: 'temporal', op }] as const),
  ...CQL2_ARRAY_OPERATORS.map((op) => [op, { family: 'array', op }] as const),
]);

/**
 * Names from the CQL drafts that STAC API filter clients sent before CQL2 settled (2021: `eq`,
 * `intersects`, `anyinteracts`, `aequals`, ...). Each maps to exactly one CQL2 operator, so taking
 * them costs nothing; they are accepted in JSON only, where those clients lived. The older JSON
 * shape `{"eq": [a, b]}` (operator as key) is not accepted.
 */
const LEGACY: ReadonlyMap<string, string> = new Map([
  ['eq', '='], ['neq', '<>'], ['ne', '<>'], ['lt', '<'], ['lte', '<='], ['le', '<='], ['gt', '>'],
  ['gte', '>='], ['ge', '>='],
  ['intersects', 's_intersects'], ['equals', 's_equals'], ['disjoint', 's_disjoint'],
  ['touches', 's_touches'], ['within', 's_within'], ['overlaps', 's_overlaps'],
  ['crosses', 's_crosses'], ['contains', 's_contains'],
  ['anyinteracts', 't_intersects'], ['tintersects', 't_intersects'], ['after', 't_after'],
  ['before', 't_before'], ['tcontains', 't_contains'], ['tdisjoint', 't_disjoint'],
  ['during', 't_during'], ['tequals', 't_equals'], ['endedby', 't_finishedby'],
  ['ends', 't_finishes'], ['meets', 't_meets'], ['metby', 't_metby'],
  ['overlappedby', 't_overlappedby'], ['toverlaps', 't_overlaps'], ['begunby', 't_startedby'],
  ['begins', 't_starts'],
  ['aequals', 'a_equals'], ['acontains', 'a_contains'], ['acontainedby', 'a_containedby'],
  ['aoverlaps', 'a_overlaps'],
]);

/**
 * What `name` (any case) names: a CQL2 operator, or else a function of that name (lower-cased).
 * With `legacy`, the pre-CQL2 draft names listed above resolve to their CQL2 operators too.
 */
export function resolveCql2Operator(name: string, legacy: boolean): Cql2OperatorInfo {
  const lower = name.toLowerCase();
  const standard = STANDARD.get(lower);
  if (standard) return standard;
  const alias = legacy ? LEGACY.get(lower) : undefined;
  const aliased = alias === undefined ? undefined : STANDARD.get(alias);
  return aliased ?? { family: 'function', name: lower };
}
