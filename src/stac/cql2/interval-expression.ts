import type { Cql2Interval, Cql2IntervalEnd } from './cql2-ast.js';
import type { Cql2Fail } from './cql2-error.js';

/**
 * The interval node from `start` to `end`. When both ends are literals, `start` must not be after
 * `end` (compared to the millisecond; a date counts from its midnight UTC), since such an interval
 * holds no instant and is almost certainly a swapped pair.
 */
export function intervalExpression(start: Cql2IntervalEnd, end: Cql2IntervalEnd, fail: Cql2Fail): Cql2Interval {
  if (start !== '..' && end !== '..' && start.kind === 'literal' && end.kind === 'literal') {
    if (Date.parse(start.value) > Date.parse(end.value)) {
      fail(`the interval starts (${start.value}) after it ends (${end.value})`);
    }
  }
  return { kind: 'interval', start, end };
}
