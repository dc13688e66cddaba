import type { Cql2IntervalEnd, Cql2Node } from './cql2-ast.js';
import { CQL2_IDENTIFIER_SOURCE, CQL2_RESERVED_WORDS } from './cql2-identifier.js';
import { geometryToWkt } from './geometry-to-wkt.js';

const PLAIN_IDENTIFIER = new RegExp(`^${CQL2_IDENTIFIER_SOURCE}$`, 'u');

// Binding strength, loosest first, as `parseCql2Text` reads it.
const OR = 1;
const AND = 2;
const NOT = 3;
const PREDICATE = 4;
const ADDITIVE = 5;
const MULTIPLICATIVE = 6;
const POWER = 7;
const PRIMARY = 9;

/**
 * Writes a CQL2 AST (a whole filter or any node) as CQL2 text, for logs, error messages and tests.
 *
 * The output is canonical rather than a copy of the input: keywords and predicate names upper case,
 * only the parentheses precedence needs, negations in their infix forms (`a NOT LIKE 'x'`,
 * `a IS NOT NULL`), timestamps in UTC, `BBOX(..)` literals as BBOX. Reading it back with
 * `parseCql2Text` gives an equal AST for every tree the parsers make, except two cases CQL2 text
 * cannot spell: a string ending in a backslash or holding a backslash before a quote (the BNF reads
 * `\'` as an escaped quote), and a one-element array as an argument of a function other than the
 * array predicates (`f(('a'))` reads back as `f('a')`).
 *
 * @example
 * cql2ToText(parseCql2Json({ op: 'not', args: [{ op: 'isNull', args: [{ property: 'properties.gsd' }] }] }))
 * // 'gsd IS NOT NULL'
 */
export function cql2ToText(node: Cql2Node): string {
  switch (node.kind) {
    case 'or':
      return node.args.map((arg) => wrap(arg, AND)).join(' OR ');
    case 'and':
      return node.args.map((arg) => wrap(arg, NOT)).join(' AND ');
    case 'not': {
      const arg = node.arg;
      switch (arg.kind) {
        case 'like':
          return `${wrap(arg.value, ADDITIVE)} NOT LIKE ${wrap(arg.pattern, ADDITIVE)}`;
        case 'between':
          return `${wrap(arg.value, ADDITIVE)} NOT BETWEEN ${wrap(arg.low, ADDITIVE)} AND ${wrap(arg.high, ADDITIVE)}`;
        case 'in':
          return `${wrap(arg.value, ADDITIVE)} NOT IN (${arg.list.map((item) => wrap(item, ADDITIVE)).join(', ')})`;
        case 'isNull':
          return `${wrap(arg.value, ADDITIVE)} IS NOT NULL`;
        default:
          return `NOT ${wrap(arg, NOT)}`;
      }
    }
    case 'comparison':
      return `${wrap(node.left, ADDITIVE)} ${node.op} ${wrap(node.right, ADDITIVE)}`;
    case 'like':
      return `${wrap(node.value, ADDITIVE)} LIKE ${wrap(node.pattern, ADDITIVE)}`;
    case 'between':
      return `${wrap(node.value, ADDITIVE)} BETWEEN ${wrap(node.low, ADDITIVE)} AND ${wrap(node.high, ADDITIVE)}`;
    case 'in':
      return `${wrap(node.value, ADDITIVE)} IN (${node.list.map((item) => wrap(item, ADDITIVE)).join(', ')})`;
    case 'isNull':
      return `${wrap(node.value, ADDITIVE)} IS NULL`;
    case 'spatial':
    case 'temporal':
    case 'array':
      return `${node.op.toUpperCase()}(${cql2ToText(node.args[0])}, ${cql2ToText(node.args[1])})`;
    case 'arithmetic': {
      const level = precedence(node);
      // `^` takes no arithmetic operand bare: its chaining and its mix with unary minus confuse readers.
      const [left, right] = node.op === '^' ? [PRIMARY, PRIMARY] : [level, level + 1];
      return `${wrap(node.left, left)} ${node.op} ${wrap(node.right, right)}`;
    }
    case 'function': {
      const name = node.name === 'casei' || node.name === 'accenti' ? node.name.toUpperCase() : node.name;
      return `${name}(${node.args.map(cql2ToText).join(', ')})`;
    }
    case 'property':
      return PLAIN_IDENTIFIER.test(node.name) && !CQL2_RESERVED_WORDS.has(node.name.toUpperCase())
        ? node.name
        : `"${node.name.replaceAll('"', '""')}"`;
    case 'literal':
      switch (node.type) {
        case 'string':
          return `'${node.value.replaceAll("'", "''")}'`;
        case 'number':
          return String(node.value);
        case 'boolean':
          return node.value ? 'TRUE' : 'FALSE';
        case 'timestamp':
          return `TIMESTAMP('${node.value}')`;
        case 'date':
          return `DATE('${node.value}')`;
      }
      break;
    case 'interval':
      return `INTERVAL(${intervalEnd(node.start)}, ${intervalEnd(node.end)})`;
    case 'geometry':
      return node.bbox ? `BBOX(${node.bbox.join(', ')})` : geometryToWkt(node.geometry);
    case 'arrayLiteral':
      return `(${node.elements.map(cql2ToText).join(', ')})`;
  }
}

function intervalEnd(end: Cql2IntervalEnd): string {
  if (end === '..') return "'..'";
  return end.kind === 'literal' ? `'${end.value}'` : cql2ToText(end);
}

function precedence(node: Cql2Node): number {
  switch (node.kind) {
    case 'or':
      return OR;
    case 'and':
      return AND;
    case 'not':
      return ['like', 'between', 'in', 'isNull'].includes(node.arg.kind) ? PREDICATE : NOT;
    case 'comparison':
    case 'like':
    case 'between':
    case 'in':
    case 'isNull':
      return PREDICATE;
    case 'arithmetic':
      if (node.op === '+' || node.op === '-') return ADDITIVE;
      return node.op === '^' ? POWER : MULTIPLICATIVE;
    default:
      return PRIMARY;
  }
}

function wrap(node: Cql2Node, minimum: number): string {
  const text = cql2ToText(node);
  return precedence(node) < minimum ? `(${text})` : text;
}
