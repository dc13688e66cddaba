/**
 * The wait a Retry-After header asks for (RFC 9110 §10.2.3), in milliseconds from `nowMs`: either
 * delay-seconds or an HTTP date. Null when the header is absent or malformed; a date in the past is 0.
 *
 * @example
 * retryAfterMs('2', Date.now());                                   // 2000
 * retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z')); // 60000
 */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
