import { InvalidRequestError } from '../../errors.js';
import type { Cql2ComparisonOperator, Cql2Expression, Cql2Literal, Cql2Property, Cql2Scalar } from '../cql2/index.js';

const COMPARISONS: Readonly<Record<string, Cql2ComparisonOperator>> = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/**
 * The query extension's `query` object (`{"eo:cloud_cover": {"lt": 10}, "platform": {"in": [..]}}`,
 * a JSON string in GET) as the CQL2 AST it means, so that one compiler serves both: eq, neq, lt,
 * lte, gt, gte are comparisons, startsWith / endsWith / contains are LIKE patterns with the
 * value's own `%`, `_` and `\` escaped, and in is IN. Every condition must hold (AND). Returns null
 * for an empty object; throws InvalidQuery.
 */
export function parseQueryExtension(raw: unknown): Cql2Expression | null {
  const query = typeof raw === 'string' ? jsonText(raw) : raw;
  if (typeof query !== 'object' || query === null || Array.isArray(query)) {
    throw invalid(`query must be an object of property names to operators, got ${JSON.stringify(raw)}`);
  }
  const conditions: Cql2Expression[] = [];
  for (const [name, operators] of Object.entries(query as Record<string, unknown>)) {
    const bare = name.startsWith('properties.') ? name.slice('properties.'.length) : name;
    if (bare === '') throw invalid('query has an empty property name');
    if (typeof operators !== 'object' || operators === null || Array.isArray(operators) || Object.keys(operators).length === 0) {
      throw invalid(`query.${name} must be a non-empty object of operators such as {"lt": 10}`);
    }
    const property: Cql2Property = { kind: 'property', name: bare };
    for (const [op, value] of Object.entries(operators as Record<string, unknown>)) conditions.push(condition(property, op, value, name));
  }
  if (conditions.length === 0) return null;
  return conditions.length === 1 ? (conditions[0] as Cql2Expression) : { kind: 'and', args: conditions };
}

function condition(property: Cql2Property, op: string, value: unknown, name: string): Cql2Expression {
  const comparison = COMPARISONS[op];
  if (comparison !== undefined) return { kind: 'comparison', op: comparison, left: property, right: literal(value, `${name}.${op}`) };
  if (op === 'startsWith' || op === 'endsWith' || op === 'contains') {
    if (typeof value !== 'string') throw invalid(`query.${name}.${op} must be a string`);
    const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
    const pattern = op === 'startsWith' ? `${escaped}%` : op === 'endsWith' ? `%${escaped}` : `%${escaped}%`;
    return { kind: 'like', value: property, pattern: { kind: 'literal', type: 'string', value: pattern } };
  }
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) throw invalid(`query.${name}.in must be a non-empty array`);
    const list: Cql2Scalar[] = value.map((v, i) => literal(v, `${name}.in[${i}]`));
    return { kind: 'in', value: property, list };
  }
  throw invalid(`query.${name} has the unknown operator "${op}" (eq, neq, lt, lte, gt, gte, startsWith, endsWith, contains, in)`);
}

function literal(value: unknown, where: string): Cql2Literal {
  if (typeof value === 'string') return { kind: 'literal', type: 'string', value };
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'literal', type: 'number', value };
  if (typeof value === 'boolean') return { kind: 'literal', type: 'boolean', value };
  throw invalid(`query.${where} must be a string, a number or a boolean, got ${JSON.stringify(value)}`);
}

function jsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalid(`query must be a JSON object: ${(error as Error).message}`);
  }
}

function invalid(description: string): InvalidRequestError {
  return new InvalidRequestError('InvalidQuery', description);
}
