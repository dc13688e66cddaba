import type { Cql2And, Cql2Expression, Cql2Or } from './cql2-ast.js';

/**
 * An `and` / `or` node over `args`, flattened: an argument of the same kind gives its own arguments
 * instead, so `a AND (b AND c)` and `(a AND b) AND c` are the same node, whichever encoding wrote it.
 * With a single argument after flattening, that argument itself.
 */
export function logicalExpression(kind: 'and' | 'or', args: readonly Cql2Expression[]): Cql2Expression {
  const flat = args.flatMap((arg) => (arg.kind === kind ? (arg as Cql2And | Cql2Or).args : [arg]));
  return flat.length === 1 ? (flat[0] as Cql2Expression) : { kind, args: flat };
}
