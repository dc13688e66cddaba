import type { Cql2IntervalEnd, Cql2Node } from './cql2-ast.js';

/**
 * Every property name the expression refers to, each once, in order of first appearance, so a
 * caller can check them against the queryables before compiling. Names are as in the AST (without
 * a `properties.` prefix).
 *
 * @example
 * propertiesOf(parseCql2Text("eo:cloud_cover < 10 AND (platform = 'a' OR eo:cloud_cover IS NULL)"))
 * // ['eo:cloud_cover', 'platform']
 */
export function propertiesOf(node: Cql2Node): string[] {
  const names = new Set<string>();
  // An explicit stack: hand-built trees are not bound by the parsers' depth limit.
  const stack: Cql2Node[] = [node];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    if (current.kind === 'property') names.add(current.name);
    else stack.push(...childrenOf(current).reverse());
  }
  return [...names];
}

function childrenOf(node: Cql2Node): Cql2Node[] {
  switch (node.kind) {
    case 'and':
    case 'or':
    case 'spatial':
    case 'temporal':
    case 'array':
    case 'function':
      return [...node.args];
    case 'not':
      return [node.arg];
    case 'comparison':
    case 'arithmetic':
      return [node.left, node.right];
    case 'like':
      return [node.value, node.pattern];
    case 'between':
      return [node.value, node.low, node.high];
    case 'in':
      return [node.value, ...node.list];
    case 'isNull':
      return [node.value];
    case 'interval':
      return [node.start, node.end].filter((end): end is Exclude<Cql2IntervalEnd, '..'> => end !== '..');
    case 'arrayLiteral':
      return [...node.elements];
    case 'property':
    case 'literal':
    case 'geometry':
      return [];
  }
}
