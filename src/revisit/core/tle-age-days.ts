const MS_PER_DAY = 86_400_000;

/**
 * Age of a TLE over a window: the larger of |window start - epoch| and |window end - epoch|, days.
 * SGP4 elements are good for "a week or two around the epoch" (Skyfield's `EarthSatellite` notes);
 * callers turn this into warnings (over 7 days) and `StaleTle` errors (over 45 days).
 *
 * @param epochMs TLE epoch, Unix ms (UTC).
 * @param windowStartMs Window start, Unix ms.
 * @param windowEndMs Window end, Unix ms.
 */
export function tleAgeDays(epochMs: number, windowStartMs: number, windowEndMs: number): number {
  return Math.max(Math.abs(windowStartMs - epochMs), Math.abs(windowEndMs - epochMs)) / MS_PER_DAY;
}
