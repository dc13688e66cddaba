/** A time window in Unix ms (UTC). */
export interface RevisitWindow {
  startMs: number;
  endMs: number;
}

/**
 * The window [start, start + days] in Unix ms.
 *
 * @param windowStart A Date or Unix ms (UTC).
 * @param days Window length, days, in (0, 366].
 * @throws RangeError for an invalid start or a length out of range.
 */
export function revisitWindow(windowStart: Date | number, days: number): RevisitWindow {
  const startMs = windowStart instanceof Date ? windowStart.getTime() : windowStart;
  if (typeof startMs !== 'number' || !Number.isFinite(startMs)) throw new RangeError('window start must be a valid Date or Unix ms');
  if (!(days > 0 && days <= 366)) throw new RangeError(`window length must be in (0, 366] days, got ${days}`);
  return { startMs, endMs: startMs + days * 86_400_000 };
}
