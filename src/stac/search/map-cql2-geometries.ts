import type { Cql2ArrayElement, Cql2Expression, Cql2Geometry, Cql2IntervalEnd, Cql2Node } from '../cql2/index.js';

/**
 * The same CQL2 tree with every geometry literal replaced by `map(literal)`: how the HTTP layer
 * applies the footprint rules (antimeridian splitting, vertex limit) to a filter's geometries before
 * the catalog compiles it. The tree is rebuilt, never changed in place.
 */
export function mapCql2Geometries(expression: Cql2Expression, map: (geometry: Cql2Geometry) => Cql2Geometry): Cql2Expression {
  return mapNode(expression, map) as Cql2Expression;
}

function mapNode(node: Cql2Node, map: (geometry: Cql2Geometry) => Cql2Geometry): Cql2Node {
  const each = <T extends Cql2Node>(n: T): T => mapNode(n, map) as T;
  switch (node.kind) {
    case 'geometry':
      return map(node);
    case 'and':
    case 'or':
      return { ...node, args: node.args.map(each) };
    case 'not':
      return { ...node, arg: each(node.arg) };
    case 'comparison':
    case 'arithmetic':
      return { ...node, left: each(node.left), right: each(node.right) } as Cql2Node;
    case 'like':
      return { ...node, value: each(node.value), pattern: each(node.pattern) };
    case 'between':
      return { ...node, value: each(node.value), low: each(node.low), high: each(node.high) };
    case 'in':
      return { ...node, value: each(node.value), list: node.list.map(each) };
    case 'isNull':
      return { ...node, value: each(node.value) };
    case 'spatial':
    case 'temporal':
    case 'array':
      return { ...node, args: [each(node.args[0]), each(node.args[1])] } as Cql2Node;
    case 'function':
      return { ...node, args: node.args.map(each) };
    case 'interval':
      return { ...node, start: end(node.start, each), end: end(node.end, each) };
    case 'arrayLiteral':
      return { ...node, elements: node.elements.map((e) => each(e) as Cql2ArrayElement) };
    case 'property':
    case 'literal':
      return node;
  }
}

function end(value: Cql2IntervalEnd, each: <T extends Cql2Node>(n: T) => T): Cql2IntervalEnd {
  return value === '..' ? value : each(value);
}
