import { InvalidRequestError } from '../../errors.js';

/**
 * A closed time interval of RFC 3339 date-times (upper-case `T` and `Z`, offsets as sent); a null
 * end is open. An instant has start equal to end. Kept as text so that the database compares at
 * its own microsecond precision, which a JavaScript Date would round to milliseconds.
 */
export interface TimeInterval {
  start: string | null;
  end: string | null;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * Check one RFC 3339 date-time (lowercase `t` and `z` accepted) down to the calendar (no 30
 * February, no hour 24) and return it with `T` and `Z` upper case; throws InvalidDatetime naming
 * `parameter`.
 */
export function parseRfc3339(value: string, parameter = 'datetime'): string {
  const trimmed = value.trim();
  const match = RFC3339.exec(trimmed);
  if (match === null || !realCalendarTime(match)) {
    throw new InvalidRequestError('InvalidDatetime', `${parameter} "${value}" is not an RFC 3339 date-time such as 2024-05-01T00:00:00Z`);
  }
  return trimmed.toUpperCase();
}

function realCalendarTime(match: RegExpExecArray): boolean {
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0-99 to 1900-1999; the calendar check below only needs month and day.
  const calendar = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const offsetOk = match[9] === undefined || (Number(match[10]) <= 23 && Number(match[11]) <= 59);
  return calendar && hour <= 23 && minute <= 59 && second <= 59 && offsetOk;
}

/**
 * Parse the STAC `datetime` parameter: an instant, a closed interval `a/b`, or an interval open at
 * one end with `..` or an empty string. Throws InvalidDatetime for anything else, including an
 * interval open at both ends or one that ends before it starts.
 */
export function parseDatetimeParameter(raw: unknown): TimeInterval {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new InvalidRequestError('InvalidDatetime', 'datetime must be an RFC 3339 instant or interval string');
  }
  const parts = raw.split('/');
  if (parts.length === 1) {
    const instant = parseRfc3339(raw);
    return { start: instant, end: instant };
  }
  if (parts.length !== 2) {
    throw new InvalidRequestError('InvalidDatetime', `datetime "${raw}" has more than one "/"`);
  }
  const [startText, endText] = parts.map((p) => p.trim()) as [string, string];
  const open = (text: string) => text === '' || text === '..';
  if (open(startText) && open(endText)) {
    throw new InvalidRequestError('InvalidDatetime', `datetime "${raw}" is open at both ends`);
  }
  const start = open(startText) ? null : parseRfc3339(startText);
  const end = open(endText) ? null : parseRfc3339(endText);
  if (start !== null && end !== null && Date.parse(start) > Date.parse(end)) {
    throw new InvalidRequestError('InvalidDatetime', `datetime "${raw}" ends before it starts`);
  }
  return { start, end };
}
