import type {
  Cql2ArrayElement,
  Cql2ArrayExpression,
  Cql2CharacterExpression,
  Cql2Expression,
  Cql2GeometryExpression,
  Cql2IntervalEnd,
  Cql2IsNullOperand,
  Cql2Node,
  Cql2NumericExpression,
  Cql2Scalar,
  Cql2TemporalExpression,
} from './cql2-ast.js';
import type { Cql2Fail } from './cql2-error.js';

/** The operand kinds an operator may ask for, and the AST type each stands for. */
export interface Cql2OperandCategories {
  predicate: Cql2Expression;
  scalar: Cql2Scalar;
  numeric: Cql2NumericExpression;
  character: Cql2CharacterExpression;
  geometry: Cql2GeometryExpression;
  temporal: Cql2TemporalExpression;
  array: Cql2ArrayExpression;
  arrayElement: Cql2ArrayElement;
  intervalEnd: Exclude<Cql2IntervalEnd, '..'>;
  isNullOperand: Cql2IsNullOperand;
}

/** One of the operand kinds of {@link Cql2OperandCategories}. */
export type Cql2OperandCategory = keyof Cql2OperandCategories;

const EXPECTED: Record<Cql2OperandCategory, string> = {
  predicate: 'a predicate (a comparison, a spatial, temporal or array predicate, TRUE, FALSE, or a function)',
  scalar: 'a value (a property, a literal, arithmetic or a function)',
  numeric: 'a number (a property, a number literal, arithmetic or a function)',
  character: 'a string (a property, a string literal or a function such as CASEI)',
  geometry: 'a geometry (a property, a geometry literal, BBOX or a function)',
  temporal: 'a time (a property, TIMESTAMP, DATE, INTERVAL or a function)',
  array: 'an array (a property, an array literal or a function)',
  arrayElement: 'an array element (a value, a geometry, an interval or an array)',
  intervalEnd: "an interval end ('..', a date or timestamp string, a property or a function)",
  isNullOperand: 'a value, a geometry or a predicate',
};

const PREDICATE_KINDS = new Set<Cql2Node['kind']>([
  'and', 'or', 'not', 'comparison', 'like', 'between', 'in', 'isNull', 'spatial', 'temporal', 'array',
]);

function accepts(category: Cql2OperandCategory, node: Cql2Node): boolean {
  // Functions return whatever they return: only the compiler, knowing the function, can tell.
  if (node.kind === 'function') return true;
  switch (category) {
    case 'predicate':
      return PREDICATE_KINDS.has(node.kind) || (node.kind === 'literal' && node.type === 'boolean');
    case 'scalar':
      return node.kind === 'property' || node.kind === 'literal' || node.kind === 'arithmetic';
    case 'numeric':
      return (
        node.kind === 'property' || node.kind === 'arithmetic' || (node.kind === 'literal' && node.type === 'number')
      );
    case 'character':
      return node.kind === 'property' || (node.kind === 'literal' && node.type === 'string');
    case 'geometry':
      return node.kind === 'property' || node.kind === 'geometry';
    case 'temporal':
      return node.kind === 'property' || node.kind === 'interval' || isInstant(node);
    case 'array':
      return node.kind === 'property' || node.kind === 'arrayLiteral';
    case 'arrayElement':
      return accepts('scalar', node) || ['geometry', 'interval', 'arrayLiteral'].includes(node.kind);
    case 'intervalEnd':
      return node.kind === 'property' || isInstant(node);
    case 'isNullOperand':
      return accepts('scalar', node) || accepts('predicate', node) || node.kind === 'geometry';
  }
}

function isInstant(node: Cql2Node): boolean {
  return node.kind === 'literal' && (node.type === 'timestamp' || node.type === 'date');
}

/** Names a node for an error message: "a property 'x'", "a string literal", "an OR expression". */
export function describeCql2Node(node: Cql2Node): string {
  switch (node.kind) {
    case 'property':
      return `the property '${node.name}'`;
    case 'literal':
      return node.type === 'timestamp' || node.type === 'date' ? `a ${node.type}` : `a ${node.type} literal`;
    case 'arrayLiteral':
      return 'an array';
    case 'and':
    case 'or':
    case 'not':
      return `a${node.kind === 'and' ? 'n' : ''} ${node.kind.toUpperCase()} expression`;
    case 'isNull':
      return 'an IS NULL predicate';
    case 'spatial':
    case 'temporal':
    case 'array':
      return `a ${node.op.toUpperCase()} predicate`;
    case 'function':
      return `the function ${node.name}()`;
    case 'interval':
      return 'an interval';
    case 'arithmetic':
      return 'arithmetic';
    case 'geometry':
      return 'a geometry';
    case 'comparison':
      return `a comparison (${node.op})`;
    case 'like':
      return 'a LIKE predicate';
    case 'between':
      return 'a BETWEEN predicate';
    case 'in':
      return 'an IN predicate';
  }
}

/**
 * Returns `node` typed as `category` when it may stand there, else calls `fail` with what was
 * expected and what was found (`expected a number ..., found a string literal`).
 */
export function checkCql2Operand<C extends Cql2OperandCategory>(
  node: Cql2Node,
  category: C,
  fail: Cql2Fail,
): Cql2OperandCategories[C] {
  if (!accepts(category, node)) fail(`expected ${EXPECTED[category]}, found ${describeCql2Node(node)}`);
  return node as Cql2OperandCategories[C];
}
