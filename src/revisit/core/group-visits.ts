/** Accesses within this time of a visit's first access belong to that visit: 20 minutes, in ms. */
export const VISIT_MERGE_MS = 20 * 60_000;

/**
 * Groups a point's accesses into visits: in time order, an access more than 20 minutes after the
 * start of the current visit starts a new visit; a visit's time is its first access. Several
 * satellites of a constellation flying in tandem over a point thus count once.
 *
 * @param accessTimesMs Access times, Unix ms, ascending.
 * @param mergeMs Visit length, ms; default {@link VISIT_MERGE_MS}.
 * @returns Visit times, Unix ms, ascending.
 * @throws RangeError when the times are not ascending.
 */
export function groupVisits(accessTimesMs: readonly number[], mergeMs: number = VISIT_MERGE_MS): number[] {
  const visits: number[] = [];
  let current = -Infinity;
  let previous = -Infinity;
  for (const t of accessTimesMs) {
    if (t < previous) throw new RangeError('groupVisits: access times must be ascending');
    previous = t;
    if (t - current > mergeMs) {
      visits.push(t);
      current = t;
    }
  }
  return visits;
}
