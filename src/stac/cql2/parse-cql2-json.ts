import type { Cql2Expression, Cql2IntervalEnd, Cql2Node } from './cql2-ast.js';
import { bboxGeometry } from './bbox-geometry.js';
import { cql2Error, type Cql2Fail } from './cql2-error.js';
import { CQL2_IDENTIFIER_SOURCE, CQL2_RESERVED_WORDS } from './cql2-identifier.js';
import { CQL2_LIMITS, type Cql2Limits } from './cql2-limits.js';
import { checkCql2Operand, type Cql2OperandCategory } from './cql2-operand.js';
import { resolveCql2Operator } from './cql2-operators.js';
import { functionCall } from './function-call.js';
import { geoJsonGeometry } from './geojson-geometry.js';
import { instantLiteral } from './instant-literal.js';
import { intervalExpression } from './interval-expression.js';
import { logicalExpression } from './logical-expression.js';
import { normalisePropertyName } from './normalise-property-name.js';

/**
 * Parses CQL2 JSON (OGC 21-065r2, the `cql2-json` encoding; already `JSON.parse`d) into the AST of
 * `cql2-ast.ts`, the same tree `parseCql2Text` gives for the same filter.
 *
 * Read: `{"op": .., "args": [..]}` for every operator and function (`op` in any case:
 * `t_finishedBy`, `isNull`), `{"property": ..}`, `{"timestamp": ..}`, `{"date": ..}`,
 * `{"interval": [start, end]}` (ends: date or timestamp strings, `".."`, properties, functions),
 * GeoJSON geometries, `{"bbox": [..]}`, strings, numbers, booleans and arrays. Also read, because
 * they cost one line each: the pre-CQL2 operator names (`eq`, `lte`, `intersects`, `anyinteracts`,
 * ...; see `cql2-operators.ts`), `between` with its bounds as one array (`[value, [low, high]]`),
 * and the draft function form `{"function": {"name": .., "args": [..]}}`.
 *
 * @example
 * parseCql2Json({ op: 't_intersects', args: [{ property: 'datetime' }, { interval: ['2020-01-01T00:00:00Z', '..'] }] })
 * // { kind: 'temporal', op: 't_intersects', args: [{ kind: 'property', name: 'datetime' },
 * //   { kind: 'interval', start: { kind: 'literal', type: 'timestamp', value: '2020-01-01T00:00:00Z' }, end: '..' }] }
 *
 * @throws InvalidRequestError `InvalidFilter` naming the JSON pointer of the offending member, e.g.
 *   `Invalid CQL2 JSON at /args/1/interval/0: '2020-13-01' is not a calendar date`; also for nesting
 *   over `limits.maxDepth`. A string input (JSON not yet parsed) is refused with its own message.
 */
export function parseCql2Json(json: unknown, limits: Partial<Cql2Limits> = {}): Cql2Expression {
  const maxDepth = limits.maxDepth ?? CQL2_LIMITS.maxDepth;
  if (typeof json === 'string') {
    throw cql2Error('Invalid CQL2 JSON: got a string; CQL2 JSON is an object (parse the JSON text first)');
  }
  const parser = new JsonParser(maxDepth);
  return checkCql2Operand(parser.node(json, '', 0), 'predicate', parser.failAt(''));
}

const FUNCTION_NAME = new RegExp(`^${CQL2_IDENTIFIER_SOURCE}$`, 'u');
const SINGLE_KEY_FORMS = ['property', 'timestamp', 'date', 'interval', 'bbox', 'function'] as const;

/** Walks the JSON value; `path` is the JSON pointer of the value at hand, `depth` its nesting. */
class JsonParser {
  constructor(private readonly maxDepth: number) {}

  node(value: unknown, path: string, depth: number): Cql2Node {
    const fail = this.failAt(path);
    if (depth > this.maxDepth) fail(`the filter nests deeper than ${this.maxDepth} levels`);
    switch (typeof value) {
      case 'string':
        return { kind: 'literal', type: 'string', value };
      case 'number':
        // JSON.parse never yields NaN or Infinity, but a caller-built object might.
        if (!Number.isFinite(value)) fail('numbers must be finite');
        return { kind: 'literal', type: 'number', value: value === 0 ? 0 : value };
      case 'boolean':
        return { kind: 'literal', type: 'boolean', value };
      case 'object':
        break;
      default:
        return fail(`${typeof value} is not a CQL2 value`);
    }
    if (value === null) return fail('null is not a CQL2 value (test for null with {"op": "isNull", ..})');
    if (Array.isArray(value)) {
      return {
        kind: 'arrayLiteral',
        elements: value.map((element, i) => this.operand(element, `${path}/${i}`, depth + 1, 'arrayElement')),
      };
    }

    const object = value as Record<string, unknown>;
    if ('op' in object) return this.operation(object, path, depth);
    // GeoJSON first: a geometry may carry its own "bbox" member, which is not our {"bbox": [..]}.
    if ('type' in object) return { kind: 'geometry', geometry: geoJsonGeometry(object, fail, this.maxDepth - depth) };
    const form = SINGLE_KEY_FORMS.find((key) => key in object);
    if (form === undefined) {
      const keys = Object.keys(object).slice(0, 5).map((key) => `"${key}"`).join(', ');
      return fail(
        `expected an object with "op", "property", "timestamp", "date", "interval", "bbox" or a GeoJSON "type"; got ${keys || 'an empty object'}`,
      );
    }
    const extra = Object.keys(object).find((key) => key !== form);
    if (extra !== undefined) fail(`unexpected member "${extra}" beside "${form}"`);
    const content = object[form];
    const contentFail = this.failAt(`${path}/${form}`);
    switch (form) {
      case 'property':
        if (typeof content !== 'string') return contentFail('a property name is a string');
        return normalisePropertyName(content, contentFail);
      case 'timestamp':
      case 'date':
        if (typeof content !== 'string') return contentFail(`a ${form} is a string`);
        return instantLiteral(content, form, contentFail);
      case 'interval': {
        if (!Array.isArray(content) || content.length !== 2) return contentFail('an interval is an array of a start and an end');
        const [start, end] = content.map((end, i) => this.intervalEnd(end, `${path}/interval/${i}`, depth + 1));
        return intervalExpression(start as Cql2IntervalEnd, end as Cql2IntervalEnd, contentFail);
      }
      case 'bbox':
        if (!Array.isArray(content) || !content.every((n) => typeof n === 'number' && Number.isFinite(n))) {
          return contentFail('a bbox is an array of 4 or 6 numbers');
        }
        return bboxGeometry(content as number[], contentFail);
      case 'function': {
        const call = content as Record<string, unknown> | null;
        if (typeof call !== 'object' || call === null || typeof call.name !== 'string') {
          return contentFail('expected {"name": .., "args": [..]}');
        }
        return this.operation({ op: call.name, args: call.args ?? [] }, `${path}/function`, depth);
      }
    }
  }

  /** `{"op": .., "args": [..]}`: an operator, or else a function call. */
  private operation(object: Record<string, unknown>, path: string, depth: number): Cql2Node {
    const fail = this.failAt(path);
    const extra = Object.keys(object).find((key) => key !== 'op' && key !== 'args');
    if (extra !== undefined) fail(`unexpected member "${extra}" beside "op" and "args"`);
    const { op, args = [] } = object;
    if (typeof op !== 'string') return fail('"op" must be a string');
    if (!Array.isArray(args)) return this.failAt(`${path}/args`)('"args" must be an array');
    const operator = resolveCql2Operator(op, true);
    const argPath = (i: number): string => `${path}/args/${i}`;
    const arg = <C extends Cql2OperandCategory>(i: number, category: C) =>
      this.operand(args[i], argPath(i), depth + 1, category);
    const arity = (count: number, atLeast = false): void => {
      if (atLeast ? args.length < count : args.length !== count) {
        fail(`"${op}" takes ${atLeast ? 'at least ' : ''}${count} argument${count === 1 ? '' : 's'}, got ${args.length}`);
      }
    };

    switch (operator.family) {
      case 'logical':
        if (operator.op === 'not') {
          arity(1);
          return { kind: 'not', arg: arg(0, 'predicate') };
        }
        arity(2, true);
        return logicalExpression(operator.op, args.map((_, i) => arg(i, 'predicate')));
      case 'comparison':
        arity(2);
        return { kind: 'comparison', op: operator.op, left: arg(0, 'scalar'), right: arg(1, 'scalar') };
      case 'like':
        arity(2);
        return { kind: 'like', value: arg(0, 'character'), pattern: arg(1, 'character') };
      case 'between': {
        const bounds = args[1];
        if (args.length === 2 && Array.isArray(bounds) && bounds.length === 2) {
          const at = (i: number) => this.operand(bounds[i], `${argPath(1)}/${i}`, depth + 2, 'numeric');
          return { kind: 'between', value: arg(0, 'numeric'), low: at(0), high: at(1) };
        }
        arity(3);
        return { kind: 'between', value: arg(0, 'numeric'), low: arg(1, 'numeric'), high: arg(2, 'numeric') };
      }
      case 'in': {
        arity(2);
        const list = args[1];
        if (!Array.isArray(list) || list.length === 0) return this.failAt(argPath(1))('"in" needs a non-empty array of values');
        return {
          kind: 'in',
          value: arg(0, 'scalar'),
          list: list.map((item, i) => this.operand(item, `${argPath(1)}/${i}`, depth + 2, 'scalar')),
        };
      }
      case 'isNull':
        arity(1);
        return { kind: 'isNull', value: arg(0, 'isNullOperand') };
      case 'spatial':
        arity(2);
        return { kind: 'spatial', op: operator.op, args: [arg(0, 'geometry'), arg(1, 'geometry')] };
      case 'temporal':
        arity(2);
        return { kind: 'temporal', op: operator.op, args: [arg(0, 'temporal'), arg(1, 'temporal')] };
      case 'array':
        arity(2);
        return { kind: 'array', op: operator.op, args: [arg(0, 'array'), arg(1, 'array')] };
      case 'arithmetic':
        arity(2);
        return { kind: 'arithmetic', op: operator.op, left: arg(0, 'numeric'), right: arg(1, 'numeric') };
      case 'function': {
        // The name must be printable as CQL2 text, where function names cannot be quoted.
        if (!FUNCTION_NAME.test(op)) fail(`unknown operator "${op.slice(0, 40)}"`);
        if (CQL2_RESERVED_WORDS.has(op.toUpperCase()) && operator.name !== 'casei' && operator.name !== 'accenti') {
          fail(`"${op}" is a CQL2 keyword, not a function (a date is {"date": ".."}, a geometry GeoJSON)`);
        }
        const nodes = args.map((value, i) => this.node(value, argPath(i), depth + 1));
        return functionCall(operator.name, nodes, fail, (i) => this.failAt(argPath(i)));
      }
    }
  }

  private intervalEnd(value: unknown, path: string, depth: number): Cql2IntervalEnd {
    if (value === '..') return '..';
    if (typeof value === 'string') return instantLiteral(value, 'either', this.failAt(path));
    return this.operand(value, path, depth, 'intervalEnd');
  }

  private operand<C extends Cql2OperandCategory>(value: unknown, path: string, depth: number, category: C) {
    return checkCql2Operand(this.node(value, path, depth), category, this.failAt(path));
  }

  failAt(path: string): Cql2Fail {
    return (problem) => {
      throw cql2Error(`Invalid CQL2 JSON${path === '' ? '' : ` at ${path}`}: ${problem}`);
    };
  }
}
