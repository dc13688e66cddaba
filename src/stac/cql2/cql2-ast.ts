/**
 * The CQL2 abstract syntax tree: what `parseCql2Text` and `parseCql2Json` both produce (OGC 21-065r2,
 * "Common Query Language"), so that one compiler serves both encodings.
 *
 * The tree is plain data (JSON-serialisable; treat it as immutable) and already normalised, so a
 * compiler can switch on `kind` without re-checking what the parsers checked:
 *
 * - Operator and function names are lower case (`s_intersects`, `t_finishedby`, `a_containedby`,
 *   `casei`); the text and JSON spellings (`T_FINISHEDBY`, `t_finishedBy`) meet here.
 * - Property names lose a leading `properties.` (`properties.eo:cloud_cover` is `eo:cloud_cover`).
 * - `a NOT LIKE b`, `a NOT BETWEEN ..`, `a NOT IN (..)` and `a IS NOT NULL` become a `not` node around
 *   the positive predicate, exactly as CQL2 JSON writes them, so the predicates carry no `negated` flag.
 * - `AND` and `OR` are n-ary and flattened: `a AND (b AND c)` is one `and` node with three arguments.
 * - Unary minus folds into number literals (`-3` is the number -3); on anything else it becomes
 *   `-1 * operand`, which is how CQL2 JSON (which has no unary minus) spells it.
 * - Timestamps are validated RFC 3339 and rewritten in UTC as `YYYY-MM-DDTHH:MM:SS[.fraction]Z`
 *   (offset applied, trailing zeros of the fraction dropped, `T` and `Z` upper case); dates are
 *   validated `YYYY-MM-DD`.
 * - Every geometry literal (WKT, `BBOX(..)`, GeoJSON, `{"bbox": [..]}`) is a GeoJSON geometry in
 *   WGS 84 longitude/latitude order as written (CQL2's default CRS, CRS84), checked for shape (closed
 *   rings, enough positions) but not for validity (self-intersections are the database's business).
 * - Each operator node has the right number of operands, and each operand is of a kind the operator
 *   accepts (the `Cql2...Expression` unions below). Types of properties are not known here: whether
 *   `platform > 3` makes sense is for the compiler, which knows the queryables.
 *
 * The unions a compiler meets most:
 * - {@link Cql2Expression}: anything that is true or false (a whole filter, an `and` argument).
 * - {@link Cql2Scalar}: an operand of `=`, `<`, `IN`, ...
 * - {@link Cql2Node}: every node kind there is.
 */

import type { Geometry } from 'geojson';

/** Binary comparison operators, as in both encodings. */
export const CQL2_COMPARISON_OPERATORS = ['=', '<>', '<', '>', '<=', '>='] as const;
/** `=`, `<>`, `<`, `>`, `<=` or `>=`. */
export type Cql2ComparisonOperator = (typeof CQL2_COMPARISON_OPERATORS)[number];

/** Arithmetic operators: `%` is the remainder, `div` integer division, `^` power. */
export const CQL2_ARITHMETIC_OPERATORS = ['+', '-', '*', '/', '%', 'div', '^'] as const;
/** `+`, `-`, `*`, `/`, `%`, `div` or `^`. */
export type Cql2ArithmeticOperator = (typeof CQL2_ARITHMETIC_OPERATORS)[number];

/** The eight spatial predicates (DE-9IM relations), lower case. */
export const CQL2_SPATIAL_OPERATORS = [
  's_intersects',
  's_equals',
  's_disjoint',
  's_touches',
  's_within',
  's_overlaps',
  's_crosses',
  's_contains',
] as const;
/** One of {@link CQL2_SPATIAL_OPERATORS}. */
export type Cql2SpatialOperator = (typeof CQL2_SPATIAL_OPERATORS)[number];

/** The fifteen temporal predicates (Allen's interval relations plus the "any" ones), lower case. */
export const CQL2_TEMPORAL_OPERATORS = [
  't_after',
  't_before',
  't_contains',
  't_disjoint',
  't_during',
  't_equals',
  't_finishedby',
  't_finishes',
  't_intersects',
  't_meets',
  't_metby',
  't_overlappedby',
  't_overlaps',
  't_startedby',
  't_starts',
] as const;
/** One of {@link CQL2_TEMPORAL_OPERATORS}. */
export type Cql2TemporalOperator = (typeof CQL2_TEMPORAL_OPERATORS)[number];

/** The four array predicates, lower case. */
export const CQL2_ARRAY_OPERATORS = ['a_equals', 'a_contains', 'a_containedby', 'a_overlaps'] as const;
/** One of {@link CQL2_ARRAY_OPERATORS}. */
export type Cql2ArrayOperator = (typeof CQL2_ARRAY_OPERATORS)[number];

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** A reference to a queryable: `eo:cloud_cover`, `"id"`, `{"property": "datetime"}`. */
export interface Cql2Property {
  readonly kind: 'property';
  /** As written, minus any leading `properties.`; never empty. */
  readonly name: string;
}

/** `'sentinel-2a'` or `"sentinel-2a"`: the value with quotes removed and `''` / `\'` unescaped. */
export interface Cql2StringLiteral {
  readonly kind: 'literal';
  readonly type: 'string';
  readonly value: string;
}

/** A finite number (never -0). Integers and decimals are not told apart, as in JSON. */
export interface Cql2NumberLiteral {
  readonly kind: 'literal';
  readonly type: 'number';
  readonly value: number;
}

/** `TRUE` / `FALSE` (any case) or JSON `true` / `false`. Also a whole filter on its own. */
export interface Cql2BooleanLiteral {
  readonly kind: 'literal';
  readonly type: 'boolean';
  readonly value: boolean;
}

/** `TIMESTAMP('2020-01-01T00:00:00Z')` or `{"timestamp": ".."}`: an instant, in UTC. */
export interface Cql2TimestampLiteral {
  readonly kind: 'literal';
  readonly type: 'timestamp';
  /** `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, converted to UTC; the fraction keeps every significant digit. */
  readonly value: string;
}

/** `DATE('2020-01-01')` or `{"date": ".."}`: a calendar day (CQL2 treats it as the whole day). */
export interface Cql2DateLiteral {
  readonly kind: 'literal';
  readonly type: 'date';
  /** `YYYY-MM-DD`, a real calendar date. */
  readonly value: string;
}

/** A timestamp or a date. */
export type Cql2InstantLiteral = Cql2TimestampLiteral | Cql2DateLiteral;

/** Any literal value. */
export type Cql2Literal =
  | Cql2StringLiteral
  | Cql2NumberLiteral
  | Cql2BooleanLiteral
  | Cql2TimestampLiteral
  | Cql2DateLiteral;

/**
 * An end of an interval: an instant, a property or function giving one, or `'..'` for "open"
 * (unbounded on that side).
 */
export type Cql2IntervalEnd = Cql2InstantLiteral | Cql2Property | Cql2Function | '..';

/**
 * `INTERVAL('2020-01-01', '..')` or `{"interval": ["2020-01-01", ".."]}`. In text and JSON the ends
 * are bare strings: a string shaped `YYYY-MM-DD` becomes a date literal, any other an RFC 3339
 * timestamp literal. When both ends are literals, `start` is not after `end` (checked).
 */
export interface Cql2Interval {
  readonly kind: 'interval';
  readonly start: Cql2IntervalEnd;
  readonly end: Cql2IntervalEnd;
}

/**
 * A geometry literal as GeoJSON (longitude, latitude[, height]), from WKT, `BBOX(..)`, GeoJSON or
 * `{"bbox": [..]}`. Only `type` and `coordinates` / `geometries` are kept (foreign members and a
 * GeoJSON `bbox` member are dropped).
 */
export interface Cql2Geometry {
  readonly kind: 'geometry';
  /**
   * Positions have 2 or 3 numbers; LineStrings at least 2 positions; Polygon rings at least 4 and
   * closed; Multi* and GeometryCollections at least one member. Rings are not re-wound.
   */
  readonly geometry: Geometry;
  /**
   * Present when the literal was a `BBOX(..)` / `{"bbox": [..]}`: its 4 or 6 numbers as written
   * (west, south, [min height,] east, north[, max height]). `geometry` is then the 2D footprint: a
   * Polygon, or a MultiPolygon split at the antimeridian when west > east. A compiler may use the
   * numbers for `ST_MakeEnvelope`; heights are not part of the geometry.
   */
  readonly bbox?: readonly number[];
}

/** `( .. )` in an array predicate, a JSON array there: the elements in order (may be empty). */
export interface Cql2ArrayLiteral {
  readonly kind: 'arrayLiteral';
  readonly elements: readonly Cql2ArrayElement[];
}

/** What an array literal may hold. */
export type Cql2ArrayElement = Cql2Scalar | Cql2Geometry | Cql2Interval | Cql2ArrayLiteral;

/**
 * `a + b`, `{"op": "+", "args": [a, b]}`. Binary only; unary minus is `-1 * operand` (see the module
 * comment). Precedence in text, loosest first: `+ -`, then `* / % div`, then `^`, then unary minus.
 */
export interface Cql2Arithmetic {
  readonly kind: 'arithmetic';
  readonly op: Cql2ArithmeticOperator;
  readonly left: Cql2NumericExpression;
  readonly right: Cql2NumericExpression;
}

/**
 * A function call: `CASEI(x)`, `ACCENTI(x)` (exactly one character-expression argument each), or any
 * other name (e.g. `avg(windSpeed)`, `{"op": "Buffer", "args": [..]}`), which a compiler may reject.
 * Its result type is unknown here, so a function is accepted wherever a value or a predicate goes.
 */
export interface Cql2Function {
  readonly kind: 'function';
  /** Lower case (`casei`, `accenti`, `buffer`); a CQL2 identifier without quotes. */
  readonly name: string;
  readonly args: readonly Cql2Node[];
}

// ---------------------------------------------------------------------------------------------
// Operand unions (what each operator accepts)
// ---------------------------------------------------------------------------------------------

/** A single value: the operands of comparisons, `IN` and its list. */
export type Cql2Scalar = Cql2Property | Cql2Literal | Cql2Arithmetic | Cql2Function;

/** Operands of arithmetic and of `BETWEEN`. */
export type Cql2NumericExpression = Cql2Property | Cql2NumberLiteral | Cql2Arithmetic | Cql2Function;

/** Operands of `LIKE`, `CASEI`, `ACCENTI`: a string, a property, or a function (`CASEI('x')`). */
export type Cql2CharacterExpression = Cql2Property | Cql2StringLiteral | Cql2Function;

/** Operands of the spatial predicates. */
export type Cql2GeometryExpression = Cql2Geometry | Cql2Property | Cql2Function;

/** Operands of the temporal predicates: an instant or an interval, literal or not. */
export type Cql2TemporalExpression = Cql2InstantLiteral | Cql2Interval | Cql2Property | Cql2Function;

/** Operands of the array predicates. */
export type Cql2ArrayExpression = Cql2ArrayLiteral | Cql2Property | Cql2Function;

/** Operand of `IS NULL`: a value, a geometry, or even a predicate, as the CQL2 grammar allows. */
export type Cql2IsNullOperand = Cql2Scalar | Cql2Geometry | Cql2Expression;

// ---------------------------------------------------------------------------------------------
// Predicates and logic
// ---------------------------------------------------------------------------------------------

/** `a AND b AND c`: at least two arguments, none of them an `and` (flattened). */
export interface Cql2And {
  readonly kind: 'and';
  readonly args: readonly Cql2Expression[];
}

/** `a OR b OR c`: at least two arguments, none of them an `or` (flattened). */
export interface Cql2Or {
  readonly kind: 'or';
  readonly args: readonly Cql2Expression[];
}

/** `NOT a`; also the negated forms `NOT LIKE`, `NOT BETWEEN`, `NOT IN`, `IS NOT NULL`. */
export interface Cql2Not {
  readonly kind: 'not';
  readonly arg: Cql2Expression;
}

/** `left op right`. */
export interface Cql2Comparison {
  readonly kind: 'comparison';
  readonly op: Cql2ComparisonOperator;
  readonly left: Cql2Scalar;
  readonly right: Cql2Scalar;
}

/**
 * `value LIKE pattern`. In the pattern `%` matches any run of characters, `_` one character, and a
 * backslash makes the next character literal (`'100\%'`), which is also PostgreSQL's default LIKE
 * escape. The pattern is kept exactly as written; case- or accent-insensitivity comes as `casei` /
 * `accenti` function nodes around either side.
 */
export interface Cql2Like {
  readonly kind: 'like';
  readonly value: Cql2CharacterExpression;
  readonly pattern: Cql2CharacterExpression;
}

/** `value BETWEEN low AND high`, both bounds included. */
export interface Cql2Between {
  readonly kind: 'between';
  readonly value: Cql2NumericExpression;
  readonly low: Cql2NumericExpression;
  readonly high: Cql2NumericExpression;
}

/** `value IN (a, b, ..)`: the list has at least one item. */
export interface Cql2In {
  readonly kind: 'in';
  readonly value: Cql2Scalar;
  readonly list: readonly Cql2Scalar[];
}

/** `value IS NULL` (`IS NOT NULL` is a `not` around this). */
export interface Cql2IsNull {
  readonly kind: 'isNull';
  readonly value: Cql2IsNullOperand;
}

/** `S_INTERSECTS(a, b)` and the other spatial predicates: `op(args[0], args[1])`. */
export interface Cql2Spatial {
  readonly kind: 'spatial';
  readonly op: Cql2SpatialOperator;
  readonly args: readonly [Cql2GeometryExpression, Cql2GeometryExpression];
}

/**
 * `T_INTERSECTS(a, b)` and the other temporal predicates: `op(args[0], args[1])`. Either side may be
 * an instant or an interval; an item's `datetime` is a property, its `start_datetime` /
 * `end_datetime` pair is for the compiler to turn into an interval.
 */
export interface Cql2Temporal {
  readonly kind: 'temporal';
  readonly op: Cql2TemporalOperator;
  readonly args: readonly [Cql2TemporalExpression, Cql2TemporalExpression];
}

/** `A_CONTAINS(a, b)` and the other array predicates: `op(args[0], args[1])`. */
export interface Cql2ArrayPredicate {
  readonly kind: 'array';
  readonly op: Cql2ArrayOperator;
  readonly args: readonly [Cql2ArrayExpression, Cql2ArrayExpression];
}

/** Anything true or false: a whole filter, an argument of `and` / `or` / `not`. */
export type Cql2Expression =
  | Cql2And
  | Cql2Or
  | Cql2Not
  | Cql2Comparison
  | Cql2Like
  | Cql2Between
  | Cql2In
  | Cql2IsNull
  | Cql2Spatial
  | Cql2Temporal
  | Cql2ArrayPredicate
  | Cql2BooleanLiteral
  | Cql2Function;

/** Every node kind. */
export type Cql2Node =
  | Cql2Expression
  | Cql2Property
  | Cql2Literal
  | Cql2Interval
  | Cql2Geometry
  | Cql2ArrayLiteral
  | Cql2Arithmetic;
