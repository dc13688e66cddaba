/** Julian date of the Unix epoch, 1970-01-01T00:00:00Z. */
const JD_UNIX_EPOCH = 2440587.5;
const MS_PER_DAY = 86_400_000;

/**
 * Julian date (days, same time scale as the input) of a Unix time in milliseconds.
 *
 * Unix time counts no leap seconds, so the result is a UTC Julian date; eopool uses it wherever
 * UT1 is wanted too (|UT1 - UTC| < 0.9 s moves the Earth by at most 0.004 deg, below the model's
 * other errors).
 */
export function julianDate(timeMs: number): number {
  return timeMs / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** Unix time in milliseconds of a Julian date (inverse of {@link julianDate}). */
export function julianDateToMs(julianDateDays: number): number {
  return (julianDateDays - JD_UNIX_EPOCH) * MS_PER_DAY;
}
