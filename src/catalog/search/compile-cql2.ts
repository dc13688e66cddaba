import type { Geometry } from 'geojson';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { InvalidRequestError } from '../../errors.js';
import type {
  Cql2ArrayElement,
  Cql2ArrayExpression,
  Cql2ArrayOperator,
  Cql2ComparisonOperator,
  Cql2Expression,
  Cql2GeometryExpression,
  Cql2IntervalEnd,
  Cql2Node,
  Cql2SpatialOperator,
  Cql2TemporalExpression,
  Cql2TemporalOperator,
} from '../../stac/cql2/index.js';
import { cql2ToText } from '../../stac/cql2/index.js';
import { ITEM_TIME_END, ITEM_TIME_RANGE, ITEM_TIME_START } from './item-extent.js';
import { type Operand, queryableOperand, type ValueType } from './queryable-operand.js';
import { geometryLiteral, hemisphereParts } from './geometry-literal.js';

type Condition = RawBuilder<SqlBool>;

/** An instant or interval of a temporal predicate: its first and last instant. */
interface TemporalOperand {
  start: RawBuilder<unknown>;
  end: RawBuilder<unknown>;
  /** Whether both ends are constants (literals or open), so the range form may be used. */
  constant: boolean;
  /** Whether this is the item's own time range. */
  item: boolean;
}

const SPATIAL_FUNCTION: Record<Cql2SpatialOperator, string> = {
  s_intersects: 'ST_Intersects',
  s_equals: 'ST_Equals',
  s_disjoint: 'ST_Disjoint',
  s_touches: 'ST_Touches',
  s_within: 'ST_Within',
  s_overlaps: 'ST_Overlaps',
  s_crosses: 'ST_Crosses',
  s_contains: 'ST_Contains',
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Compile a CQL2 expression to one SQL condition on `items`, with every value a parameter and every
 * property name either a promoted column or a parameterised path into the stored document.
 *
 * Semantics where CQL2 leaves room:
 * - a property of the document (not promoted) takes the type of what it is compared with, row by
 *   row: a value of another JSON type makes the comparison false, never an error;
 * - a DATE is the whole UTC day: `datetime = DATE('2021-03-01')` is any instant of that day, and in
 *   temporal predicates a date is the interval from its first to its last microsecond;
 * - in temporal predicates `datetime` is the item's interval [start_datetime ?? datetime,
 *   end_datetime ?? datetime], and `..` an open end;
 * - `A_EQUALS` compares arrays in order; the other array predicates ignore order and repetition;
 * - a string compared with a timestamp is read as an RFC 3339 timestamp;
 * - division, `%` and `div` by zero are null (false), not errors.
 *
 * @param known the non-promoted property names the searched collections have (checked by the caller)
 * @throws InvalidRequestError `UnknownQueryable` for another name; `InvalidFilter` for operands of the
 *   wrong type and for functions other than CASEI
 */
export function compileCql2(expression: Cql2Expression, known: ReadonlySet<string>): Condition {
  return new Cql2Compiler(known).predicate(expression);
}

class Cql2Compiler {
  constructor(private readonly known: ReadonlySet<string>) {}

  predicate(node: Cql2Expression): Condition {
    switch (node.kind) {
      case 'and':
      case 'or':
        return sql<SqlBool>`(${sql.join(node.args.map((a) => this.predicate(a)), node.kind === 'and' ? sql` AND ` : sql` OR `)})`;
      case 'not':
        return sql<SqlBool>`(NOT ${this.predicate(node.arg)})`;
      case 'literal':
        return node.value ? sql<SqlBool>`TRUE` : sql<SqlBool>`FALSE`;
      case 'comparison':
        return this.comparison(node.op, this.scalar(node.left), this.scalar(node.right), node);
      case 'like': {
        const value = this.as(this.scalar(node.value), 'string', node);
        const pattern = this.as(this.scalar(node.pattern), 'string', node);
        return sql<SqlBool>`(${value.sql} LIKE ${pattern.sql})`;
      }
      case 'between': {
        const operands = [node.value, node.low, node.high].map((n) => this.scalar(n));
        const type = commonType(operands) ?? 'number';
        if (type !== 'number' && type !== 'timestamp') throw mismatch(node, 'BETWEEN needs numbers or timestamps');
        const [value, low, high] = operands.map((o) => this.as(o, type, node)) as [Operand, Operand, Operand];
        return sql<SqlBool>`(${value.sql} BETWEEN ${low.sql} AND ${high.sql})`;
      }
      case 'in': {
        const value = this.scalar(node.value);
        const list = node.list.map((n) => this.scalar(n));
        if (value.type === 'date' || list.some((o) => o.type === 'date')) {
          return sql<SqlBool>`(${sql.join(list.map((o) => this.comparison('=', value, o, node)), sql` OR `)})`;
        }
        const type = commonType([value, ...list]);
        if (type === null) return sql<SqlBool>`(${sql.join(list.map((o) => jsonComparison('=', value, o)), sql` OR `)})`;
        comparable(type, node);
        const typed = this.as(value, type, node);
        return sql<SqlBool>`(${typed.sql} IN (${sql.join(list.map((o) => this.as(o, type, node).sql))}))`;
      }
      case 'isNull':
        return this.isNull(node.value);
      case 'spatial':
        return this.spatial(node.op, node.args[0], node.args[1]);
      case 'temporal':
        return this.temporal(node.op, this.temporalOperand(node.args[0]), this.temporalOperand(node.args[1]));
      case 'array':
        return this.array(node.op, this.arrayOperand(node.args[0]), this.arrayOperand(node.args[1]));
      case 'function':
        throw unsupportedFunction(node.name);
    }
  }

  /** A value: property, literal, arithmetic or CASEI. */
  scalar(node: Cql2Node): Operand {
    switch (node.kind) {
      case 'property':
        return queryableOperand(node.name, this.known);
      case 'literal':
        switch (node.type) {
          case 'string':
            return { sql: sql`${node.value}::text`, type: 'string', literal: node.value };
          case 'number':
            return { sql: sql`${node.value}::float8`, type: 'number' };
          case 'boolean':
            return { sql: sql`${node.value}::boolean`, type: 'boolean' };
          case 'timestamp':
            return { sql: sql`${node.value}::timestamptz`, type: 'timestamp' };
          case 'date':
            return { sql: sql`${node.value}::date`, type: 'date', literal: node.value };
        }
        break;
      case 'arithmetic': {
        const left = this.as(this.scalar(node.left), 'number', node).sql;
        const right = this.as(this.scalar(node.right), 'number', node).sql;
        return { sql: arithmetic(node.op, left, right), type: 'number' };
      }
      case 'function': {
        if (node.name !== 'casei') throw unsupportedFunction(node.name);
        const argument = this.as(this.scalar(node.args[0] as Cql2Node), 'string', node);
        return { sql: sql`lower(${argument.sql})`, type: 'string' };
      }
      default:
        break;
    }
    throw new InvalidRequestError('InvalidFilter', `${cql2ToText(node)} is not a value that can be compared here`);
  }

  /** `operand` as `type`: itself, a document value read as that type, or a string literal read as a timestamp. */
  as(operand: Operand, type: ValueType, context: Cql2Node): Operand {
    if (operand.type === type) return operand;
    if (operand.type === 'json') return { sql: jsonAs(operand.sql, type), type };
    if (operand.type === 'string' && type === 'timestamp' && operand.literal !== undefined && RFC3339.test(operand.literal)) {
      return { sql: sql`${operand.literal.toUpperCase()}::timestamptz`, type };
    }
    throw mismatch(context, `a ${describe(operand.type)} where a ${describe(type)} is needed`);
  }

  comparison(op: Cql2ComparisonOperator, left: Operand, right: Operand, context: Cql2Node): Condition {
    if (left.type === 'date' && right.type === 'date') return sql<SqlBool>`(${left.sql} ${sql.raw(op)} ${right.sql})`;
    if (right.type === 'date') return dayComparison(op, this.as(left, 'timestamp', context), right.literal as string);
    if (left.type === 'date') return dayComparison(flip(op), this.as(right, 'timestamp', context), left.literal as string);
    const type = commonType([left, right]);
    if (type === null) return jsonComparison(op, left, right);
    comparable(type, context);
    return sql<SqlBool>`(${this.as(left, type, context).sql} ${sql.raw(op)} ${this.as(right, type, context).sql})`;
  }

  isNull(node: Cql2Node): Condition {
    if (node.kind === 'property') {
      const operand = queryableOperand(node.name, this.known, 'null');
      return operand.type === 'json'
        ? sql<SqlBool>`(${operand.sql} IS NULL OR jsonb_typeof(${operand.sql}) = 'null')`
        : sql<SqlBool>`(${operand.sql} IS NULL)`;
    }
    if (node.kind === 'geometry') return sql<SqlBool>`FALSE`;
    const isValue = node.kind === 'literal' || node.kind === 'arithmetic' || (node.kind === 'function' && node.name === 'casei');
    const inner = isValue ? this.scalar(node).sql : this.predicate(node as Cql2Expression);
    return sql<SqlBool>`((${inner}) IS NULL)`;
  }

  spatial(op: Cql2SpatialOperator, a: Cql2GeometryExpression, b: Cql2GeometryExpression): Condition {
    // A literal split at the antimeridian spans the whole world as one bounding box; intersecting
    // either half is intersecting the whole, and each half keeps the index search narrow.
    if (op === 's_intersects' || op === 's_disjoint') {
      const literal = a.kind === 'geometry' ? a : b.kind === 'geometry' ? b : null;
      const other = literal === a ? b : a;
      if (literal !== null && other.kind !== 'geometry') {
        const parts = hemisphereParts(literal.geometry);
        const tests = parts.map((part) => sql<SqlBool>`ST_Intersects(${this.geometry(other)}, ${geometryLiteral(part)})`);
        const any = sql<SqlBool>`(${sql.join(tests, sql` OR `)})`;
        return op === 's_intersects' ? any : sql<SqlBool>`(NOT ${any})`;
      }
    }
    return sql<SqlBool>`${sql.raw(SPATIAL_FUNCTION[op])}(${this.geometry(a)}, ${this.geometry(b)})`;
  }

  geometry(node: Cql2GeometryExpression): RawBuilder<unknown> {
    if (node.kind === 'geometry') return geometryLiteral(node.geometry as Geometry);
    if (node.kind === 'property') {
      const operand = queryableOperand(node.name, this.known);
      if (operand.type === 'geometry') return operand.sql;
      throw new InvalidRequestError('InvalidFilter', `"${node.name}" is not a geometry; spatial functions take geometry or a geometry literal`);
    }
    throw unsupportedFunction(node.name);
  }

  temporalOperand(node: Cql2TemporalExpression): TemporalOperand {
    if (node.kind === 'property' && node.name === 'datetime') {
      return { start: ITEM_TIME_START, end: ITEM_TIME_END, constant: false, item: true };
    }
    if (node.kind === 'interval') {
      const start = this.instant(node.start, 'start');
      const end = this.instant(node.end, 'end');
      return { start: start.sql, end: end.sql, constant: start.constant && end.constant, item: false };
    }
    const start = this.instant(node, 'start');
    const end = this.instant(node, 'end');
    return { start: start.sql, end: end.sql, constant: start.constant, item: false };
  }

  /** One end of a temporal operand: a date is its first or last microsecond, `..` is unbounded. */
  instant(node: Cql2IntervalEnd, side: 'start' | 'end'): { sql: RawBuilder<unknown>; constant: boolean } {
    if (node === '..') return { sql: side === 'start' ? sql`'-infinity'::timestamptz` : sql`'infinity'::timestamptz`, constant: true };
    if (node.kind === 'literal' && node.type === 'date') {
      const text = side === 'start' ? `${node.value}T00:00:00Z` : `${node.value}T23:59:59.999999Z`;
      return { sql: sql`${text}::timestamptz`, constant: true };
    }
    const operand = this.as(this.scalar(node), 'timestamp', node);
    return { sql: operand.sql, constant: node.kind === 'literal' };
  }

  temporal(op: Cql2TemporalOperator, a: TemporalOperand, b: TemporalOperand): Condition {
    // The item's range against constants: the form of the GiST index, so the planner can use it.
    if (op === 't_intersects' && (a.item || b.item) && (a.constant || b.constant)) {
      const other = a.item ? b : a;
      return sql<SqlBool>`(${ITEM_TIME_RANGE} && tstzrange(${other.start}, ${other.end}, '[]'))`;
    }
    const [as, ae, bs, be] = [a.start, a.end, b.start, b.end];
    const all = (...parts: RawBuilder<unknown>[]) => sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
    switch (op) {
      case 't_after':
        return sql<SqlBool>`(${as} > ${be})`;
      case 't_before':
        return sql<SqlBool>`(${ae} < ${bs})`;
      case 't_contains':
        return all(sql`${as} < ${bs}`, sql`${ae} > ${be}`);
      case 't_disjoint':
        return sql<SqlBool>`(${ae} < ${bs} OR ${as} > ${be})`;
      case 't_during':
        return all(sql`${as} > ${bs}`, sql`${ae} < ${be}`);
      case 't_equals':
        return all(sql`${as} = ${bs}`, sql`${ae} = ${be}`);
      case 't_finishedby':
        return all(sql`${as} < ${bs}`, sql`${ae} = ${be}`);
      case 't_finishes':
        return all(sql`${as} > ${bs}`, sql`${ae} = ${be}`);
      case 't_intersects':
        return all(sql`${as} <= ${be}`, sql`${ae} >= ${bs}`);
      case 't_meets':
        return sql<SqlBool>`(${ae} = ${bs})`;
      case 't_metby':
        return sql<SqlBool>`(${as} = ${be})`;
      case 't_overlappedby':
        return all(sql`${as} > ${bs}`, sql`${as} < ${be}`, sql`${ae} > ${be}`);
      case 't_overlaps':
        return all(sql`${as} < ${bs}`, sql`${ae} > ${bs}`, sql`${ae} < ${be}`);
      case 't_startedby':
        return all(sql`${as} = ${bs}`, sql`${ae} > ${be}`);
      case 't_starts':
        return all(sql`${as} = ${bs}`, sql`${ae} < ${be}`);
    }
  }

  /** An array operand as a JSON array (null when a document's value is not an array). */
  arrayOperand(node: Cql2ArrayExpression): RawBuilder<unknown> {
    if (node.kind === 'arrayLiteral') return sql`${JSON.stringify(node.elements.map(arrayElement))}::jsonb`;
    if (node.kind === 'function') throw unsupportedFunction(node.name);
    const operand = queryableOperand(node.name, this.known);
    if (operand.type === 'string[]') return sql`to_jsonb(${operand.sql})`;
    if (operand.type === 'json') return sql`(CASE WHEN jsonb_typeof(${operand.sql}) = 'array' THEN ${operand.sql} END)`;
    throw new InvalidRequestError('InvalidFilter', `"${node.name}" is not an array; array functions take arrays`);
  }

  array(op: Cql2ArrayOperator, a: RawBuilder<unknown>, b: RawBuilder<unknown>): Condition {
    switch (op) {
      case 'a_equals':
        return sql<SqlBool>`(${a} = ${b})`;
      case 'a_contains':
        return sql<SqlBool>`(${a} @> ${b})`;
      case 'a_containedby':
        return sql<SqlBool>`(${a} <@ ${b})`;
      case 'a_overlaps':
        return sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_array_elements(${a}) AS element WHERE ${b} @> jsonb_build_array(element))`;
    }
  }
}

/** The type both sides are compared as: the first that is not a document value, or null if all are. */
function commonType(operands: readonly Operand[]): ValueType | null {
  return operands.find((o) => o.type !== 'json')?.type ?? null;
}

function comparable(type: ValueType, context: Cql2Node): void {
  if (type === 'geometry' || type === 'string[]') {
    throw mismatch(context, `a ${describe(type)} cannot be compared this way; use the ${type === 'geometry' ? 'spatial' : 'array'} functions`);
  }
}

/** Two document values: comparable only when they hold the same JSON type. */
function jsonComparison(op: Cql2ComparisonOperator, left: Operand, right: Operand): Condition {
  return sql<SqlBool>`(jsonb_typeof(${left.sql}) = jsonb_typeof(${right.sql}) AND ${left.sql} ${sql.raw(op)} ${right.sql})`;
}

/** A document's JSON value as `type`, null when it holds another JSON type. */
function jsonAs(value: RawBuilder<unknown>, type: ValueType): RawBuilder<unknown> {
  switch (type) {
    case 'string':
      return sql`(CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${value} #>> '{}' END)`;
    case 'number':
      return sql`(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value})::float8 END)`;
    case 'boolean':
      return sql`(CASE WHEN jsonb_typeof(${value}) = 'boolean' THEN (${value})::boolean END)`;
    case 'timestamp':
      return sql`eopool_try_timestamptz(CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${value} #>> '{}' END)`;
    case 'string[]':
      return sql`(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(${value})) END)`;
    default:
      return value;
  }
}

/** `timestamp op DATE(day)`, the date being the whole UTC day [day, next day). */
function dayComparison(op: Cql2ComparisonOperator, timestamp: Operand, day: string): Condition {
  const first = sql`${`${day}T00:00:00Z`}::timestamptz`;
  const next = sql`(${`${day}T00:00:00Z`}::timestamptz + interval '1 day')`;
  const t = timestamp.sql;
  switch (op) {
    case '=':
      return sql<SqlBool>`(${t} >= ${first} AND ${t} < ${next})`;
    case '<>':
      return sql<SqlBool>`(${t} < ${first} OR ${t} >= ${next})`;
    case '<':
      return sql<SqlBool>`(${t} < ${first})`;
    case '<=':
      return sql<SqlBool>`(${t} < ${next})`;
    case '>':
      return sql<SqlBool>`(${t} >= ${next})`;
    case '>=':
      return sql<SqlBool>`(${t} >= ${first})`;
  }
}

function flip(op: Cql2ComparisonOperator): Cql2ComparisonOperator {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=', '=': '=', '<>': '<>' } as const)[op];
}

function arithmetic(op: string, left: RawBuilder<unknown>, right: RawBuilder<unknown>): RawBuilder<unknown> {
  switch (op) {
    case '+':
    case '-':
    case '*':
      return sql`(${left} ${sql.raw(op)} ${right})`;
    case '/':
      return sql`(${left} / NULLIF(${right}, 0))`;
    case '%':
      return sql`mod((${left})::numeric, NULLIF(${right}, 0)::numeric)::float8`;
    case 'div':
      return sql`div((${left})::numeric, NULLIF(${right}, 0)::numeric)::float8`;
    default:
      return sql`power(${left}, ${right})`;
  }
}

/** An element of an array literal as JSON: values only (strings, numbers, booleans, instants, arrays). */
function arrayElement(element: Cql2ArrayElement): unknown {
  if (element.kind === 'literal') return element.value;
  if (element.kind === 'arrayLiteral') return element.elements.map(arrayElement);
  throw new InvalidRequestError('InvalidFilter', `array literals may hold only values, not ${cql2ToText(element)}`);
}

function describe(type: ValueType): string {
  return type === 'string[]' ? 'array of strings' : type === 'json' ? 'value' : type;
}

function mismatch(context: Cql2Node, problem: string): InvalidRequestError {
  return new InvalidRequestError('InvalidFilter', `in ${cql2ToText(context)}: ${problem}`);
}

function unsupportedFunction(name: string): InvalidRequestError {
  return new InvalidRequestError('InvalidFilter', `the function ${name.toUpperCase()} is not supported (eopool supports CASEI)`);
}
