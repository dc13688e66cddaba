/** RFC 3339 `date-time`, the form every STAC version asks for (lower-case `t` and `z` are allowed). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The near misses met in real catalogs: a bare date, a space instead of `T`, no seconds, no UTC
 * offset, an offset without its colon. Groups: year, month, day, hour, minute, second, fraction
 * (with its dot), zone.
 */
const LENIENT =
  /^(\d{4})-(\d{2})-(\d{2})(?:(?:[Tt]|\s+)(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** What {@link normaliseDatetime} made of a value that was not RFC 3339 but could be read. */
export interface NormalisedDatetime {
  /** The same instant as RFC 3339 in UTC, e.g. `2015-07-10T00:00:00Z`; sub-second digits are kept. */
  value: string;
  /** The value had no UTC offset (a bare date counts), so it was taken as UTC. */
  assumedUtc: boolean;
}

/**
 * Rewrites a date or date-time that is not RFC 3339 but unambiguous enough (`2015-07-10`,
 * `2016-05-21 01:55:51.526891+00:00`) as RFC 3339 UTC. A value without an offset is taken as UTC,
 * as STAC times are UTC.
 *
 * @returns `null` when the value needs no change (already RFC 3339, whatever its offset) or cannot
 *   be read as a calendar date (`2015-02-30`, `yesterday`): such a value is left for the schema
 *   to judge, never dropped.
 */
export function normaliseDatetime(text: string): NormalisedDatetime | null {
  if (RFC3339.test(text)) return null;
  const m = LENIENT.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((g) => Number(g ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = m[8];
  const offsetMin = zone === undefined ? 0 : zoneOffsetMinutes(zone);
  if (offsetMin === null) return null;
  // Offsets are whole minutes, so the fraction of a second carries over untouched (Date would cut it to ms).
  const local = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  local.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0..99 as 1900..1999
  const utc = new Date(local.getTime() - offsetMin * 60_000);
  return { value: `${formatUtc(utc)}${m[7] ?? ''}Z`, assumedUtc: zone === undefined };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function zoneOffsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

function formatUtc(d: Date): string {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return (
    `${String(d.getUTCFullYear()).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}` +
    `T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`
  );
}
