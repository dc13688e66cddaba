import t from 'tap';
import { groupVisits, VISIT_MERGE_MS } from '../../../src/revisit/core/group-visits.js';

const MIN = 60_000;

t.test('accesses within 20 minutes of a visit\'s start are that visit', async (t) => {
  t.equal(VISIT_MERGE_MS, 20 * MIN);
  // 0, 5, 20 min: one visit (20 is not more than 20 after 0); 21 min starts a new one, and 35 is
  // within 20 of 21; 42 is 21 after 21.
  t.same(groupVisits([0, 5 * MIN, 20 * MIN, 21 * MIN, 35 * MIN, 42 * MIN]), [0, 21 * MIN, 42 * MIN]);
  // Measured from the visit's start, not from the last access: a chain 15 min apart splits.
  t.same(groupVisits([0, 15 * MIN, 30 * MIN, 45 * MIN]), [0, 30 * MIN]);
  t.same(groupVisits([]), []);
  t.throws(() => groupVisits([5, 1]), RangeError);
});
