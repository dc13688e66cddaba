import type { Cql2DateLiteral, Cql2InstantLiteral, Cql2TimestampLiteral } from './cql2-ast.js';
import type { Cql2Fail } from './cql2-error.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 `date-time`: a `T` (either case) between date and time, seconds required, any fraction,
// `Z` or a numeric offset. The space separator RFC 3339 merely tolerates is refused.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * Checks an instant string and returns its literal node: `'date'` wants `YYYY-MM-DD`, `'timestamp'`
 * an RFC 3339 date-time, `'either'` takes a date when the string is shaped like one (interval ends).
 *
 * Timestamps are rewritten in UTC (`2020-01-01T02:00:00+02:00` is `2020-01-01T00:00:00Z`), with the
 * fraction's trailing zeros dropped but no digit rounded away (JavaScript dates stop at milliseconds;
 * PostgreSQL keeps microseconds). Leap seconds (`:60`) and instants outside the years 0000-9999 after
 * the offset is applied are refused, since neither JavaScript nor a round trip could keep them.
 */
export function instantLiteral(text: string, accept: 'date', fail: Cql2Fail): Cql2DateLiteral;
export function instantLiteral(text: string, accept: 'timestamp', fail: Cql2Fail): Cql2TimestampLiteral;
export function instantLiteral(text: string, accept: 'date' | 'timestamp' | 'either', fail: Cql2Fail): Cql2InstantLiteral;
export function instantLiteral(
  text: string,
  accept: 'date' | 'timestamp' | 'either',
  fail: Cql2Fail,
): Cql2InstantLiteral {
  const shown = `'${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
  if (accept === 'date' || (accept === 'either' && DATE.test(text))) {
    const match = DATE.exec(text);
    if (!match) return fail(`${shown} is not a date (YYYY-MM-DD)`);
    const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
    if (!isCalendarDate(year, month, day)) return fail(`${shown} is not a calendar date`);
    return { kind: 'literal', type: 'date', value: text };
  }

  const match = TIMESTAMP.exec(text);
  if (!match) {
    return fail(
      accept === 'either'
        ? `${shown} is neither a date (YYYY-MM-DD) nor an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SSZ)`
        : `${shown} is not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM:SS[.fraction] and Z or ±HH:MM)`,
    );
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number, number, number, number, number, number,
  ];
  const fraction = (match[7] ?? '').replace(/0+$/, '');
  const sign = match[8] === '-' ? -1 : 1;
  const offsetHours = Number(match[9] ?? 0);
  const offsetMinutes = Number(match[10] ?? 0);
  if (!isCalendarDate(year, month, day)) return fail(`${shown} does not fall on a calendar date`);
  if (hour > 23 || minute > 59 || second > 59) return fail(`${shown} has no such time of day`);
  if (offsetHours > 23 || offsetMinutes > 59) return fail(`${shown} has no such UTC offset`);

  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not move the years 0-99 to the 1900s.
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, 0);
  const iso = new Date(utc.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60_000).toISOString();
  if (!/^\d{4}-/.test(iso)) return fail(`${shown} falls outside the years 0000-9999 in UTC`);
  return { kind: 'literal', type: 'timestamp', value: `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z` };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}
