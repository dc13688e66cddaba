import type { Cql2Function, Cql2Node } from './cql2-ast.js';
import type { Cql2Fail } from './cql2-error.js';
import { checkCql2Operand } from './cql2-operand.js';

/**
 * The node for a call of `name` (lower case). `casei` and `accenti` are checked as CQL2 defines them
 * (one string, property or function argument); any other name is kept with its arguments unchecked,
 * for the compiler to accept or refuse. `fail` words problems with the call, `failArg(i)` with its
 * i-th argument.
 */
export function functionCall(
  name: string,
  args: readonly Cql2Node[],
  fail: Cql2Fail,
  failArg: (index: number) => Cql2Fail,
): Cql2Function {
  if (name === 'casei' || name === 'accenti') {
    if (args.length !== 1) fail(`${name.toUpperCase()} takes one argument, got ${args.length}`);
    checkCql2Operand(args[0] as Cql2Node, 'character', failArg(0));
  }
  return { kind: 'function', name, args };
}
