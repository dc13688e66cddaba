import { InvalidRequestError } from '../errors.js';

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const MS = { week: 604_800_000, day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 } as const;

/**
 * The instant an ISO 8601 duration (`P7D`, `PT6H`, `P1M2DT3H`, `P2W`) before `at`. Years and months
 * are calendar steps in UTC, clamped to the month's last day (`P1M` before 31 March is the last day
 * of February); weeks, days, hours, minutes and seconds are fixed lengths (a day is 24 hours: times
 * are UTC).
 *
 * @throws InvalidRequestError `InvalidSince` for text that is not such a duration, or a zero one
 */
export function subtractIsoDuration(at: Date, duration: string): Date {
  const match = DURATION.exec(duration.trim().toUpperCase());
  if (match === null || duration.trim().toUpperCase().endsWith('T')) {
    throw new InvalidRequestError('InvalidSince', `"${duration}" is neither an RFC 3339 date-time nor an ISO 8601 duration such as P7D or PT12H`);
  }
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part))) as [
    number, number, number, number, number, number, number,
  ];
  const fixedMs = weeks * MS.week + days * MS.day + hours * MS.hour + minutes * MS.minute + seconds * MS.second;
  const since = new Date(monthsBefore(at, months + 12 * years).getTime() - fixedMs);
  if (since.getTime() === at.getTime()) throw new InvalidRequestError('InvalidSince', `the duration "${duration}" is zero`);
  return since;
}

function monthsBefore(at: Date, months: number): Date {
  if (months === 0) return at;
  const target = at.getUTCFullYear() * 12 + at.getUTCMonth() - months;
  const year = Math.floor(target / 12);
  const month = target - 12 * year;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(at.getTime());
  result.setUTCFullYear(year, month, Math.min(at.getUTCDate(), lastDay));
  return result;
}
