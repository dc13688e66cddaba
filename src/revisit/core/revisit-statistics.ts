/** Gaps between successive events over the whole territory. */
export interface AnyPointStatistics {
  /** Number of events (predicted: satellite passes that see some grid point; observed: scenes). */
  events: number;
  /** Mean, median and largest gap between successive events, hours; null with fewer than two events. */
  mean_gap_hours: number | null;
  median_gap_hours: number | null;
  max_gap_hours: number | null;
}

/**
 * Revisit statistics of a territory over a window, for one scope (the pool, a member, a list of
 * satellites, or the catalogue's observed scenes). Hours are real hours (3,600 s).
 */
export interface RevisitStatistics {
  /** Share of grid points with at least one visit, [0, 1]. */
  covered_fraction: number;
  /** Mean number of visits per grid point (points without visits count as 0). */
  visits_per_point: number;
  /** Number of grid points with at least two visits; the hour figures below are over these. */
  points_with_revisit: number;
  /** Mean over points of each point's mean gap between successive visits. */
  mean_revisit_hours: number | null;
  /** Mean over points of each point's median gap. */
  median_revisit_hours: number | null;
  /** Mean over points of each point's largest gap. */
  mean_max_gap_hours: number | null;
  /** Largest gap of any point. */
  worst_max_gap_hours: number | null;
  any_point: AnyPointStatistics;
}

const MS_PER_HOUR = 3_600_000;

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Gaps between successive sorted times, in hours, sorted ascending. */
function sortedGapsHours(timesMs: readonly number[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < timesMs.length; i++) gaps.push((timesMs[i]! - timesMs[i - 1]!) / MS_PER_HOUR);
  return gaps.sort((a, b) => a - b);
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Revisit statistics from per-point visit times and territory-wide events. Used for predicted
 * revisit (visits from `groupVisits` of orbit accesses, events from pass events) and for the
 * catalogue's observed revisit (visits from footprints over grid points, events from scenes).
 *
 * Only gaps between visits inside the window count; the time from the window start to the first
 * visit and from the last visit to the window end is not a gap (so a point seen once has no
 * revisit). Medians of an even count are the mean of the two middle values.
 *
 * @param visitTimesPerPointMs For every grid point (empty lists included), its visit times, Unix ms;
 *   each list ascending.
 * @param eventTimesMs Event times, Unix ms, any order.
 * @returns The statistics; hour figures null when no point has two visits (or fewer than two events).
 * @throws RangeError when there are no grid points or a list is not ascending.
 */
export function revisitStatistics(
  visitTimesPerPointMs: readonly (readonly number[])[],
  eventTimesMs: readonly number[],
): RevisitStatistics {
  const points = visitTimesPerPointMs.length;
  if (points === 0) throw new RangeError('revisitStatistics: at least one grid point is needed');
  let covered = 0;
  let visits = 0;
  const pointMeans: number[] = [];
  const pointMedians: number[] = [];
  const pointMaxima: number[] = [];
  for (const times of visitTimesPerPointMs) {
    visits += times.length;
    if (times.length > 0) covered++;
    if (times.length < 2) continue;
    const gaps = sortedGapsHours(times);
    if (gaps[0]! < 0) throw new RangeError('revisitStatistics: visit times must be ascending');
    pointMeans.push((times[times.length - 1]! - times[0]!) / MS_PER_HOUR / gaps.length);
    pointMedians.push(median(gaps));
    pointMaxima.push(gaps[gaps.length - 1]!);
  }
  const withRevisit = pointMeans.length;
  const events = [...eventTimesMs].sort((a, b) => a - b);
  const eventGaps = sortedGapsHours(events);
  return {
    covered_fraction: covered / points,
    visits_per_point: visits / points,
    points_with_revisit: withRevisit,
    mean_revisit_hours: withRevisit > 0 ? mean(pointMeans) : null,
    median_revisit_hours: withRevisit > 0 ? mean(pointMedians) : null,
    mean_max_gap_hours: withRevisit > 0 ? mean(pointMaxima) : null,
    worst_max_gap_hours: withRevisit > 0 ? pointMaxima.reduce((a, b) => Math.max(a, b)) : null,
    any_point: {
      events: events.length,
      mean_gap_hours: eventGaps.length > 0 ? mean(eventGaps) : null,
      median_gap_hours: eventGaps.length > 0 ? median(eventGaps) : null,
      max_gap_hours: eventGaps.length > 0 ? eventGaps[eventGaps.length - 1]! : null,
    },
  };
}
