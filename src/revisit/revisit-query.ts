import { InvalidRequestError } from '../errors.js';
import type { ObservationMode } from './core/index.js';
import { DEFAULT_SUN_ELEVATION_MIN_DEG, type RevisitQuery } from './plan-revisit.js';

/** The parameters of `/territories/{t}/passes` and `/revisit` (and of `eopool revisit`), as given. */
export interface RevisitParameters {
  territory: string;
  /** RFC 3339 date-time with a zone, or a date (00:00 UTC). */
  start?: string;
  days?: number;
  mode?: ObservationMode;
  grid_km?: number;
  sun_elevation_min?: number;
  /** Comma-separated, or repeated. */
  members?: string | string[];
  /** NORAD ids, comma-separated, or repeated. */
  satellites?: string | string[];
  sensor?: 'optical' | 'sar';
  allow_stale?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The query of a revisit or passes request; limits that need the database (window length,
 * members, satellites, TLE ages) are `planRevisit`'s.
 *
 * @throws InvalidRequestError `InvalidDatetime` for a start that is not a date or an RFC 3339
 *   date-time with a zone; `InvalidParameter` for a NORAD id that is not a positive integer, or a
 *   mode, sensor, length, spacing or Sun elevation out of its range.
 */
export function revisitQuery(parameters: RevisitParameters): RevisitQuery {
  // The API's schemas check these already; the CLI's flags arrive unchecked.
  check('mode', parameters.mode, (v) => v === 'nadir' || v === 'agile', 'nadir or agile');
  check('sensor', parameters.sensor, (v) => v === 'optical' || v === 'sar', 'optical or sar');
  check('days', parameters.days, (v) => typeof v === 'number' && v > 0, 'a positive number');
  check('grid_km', parameters.grid_km, (v) => typeof v === 'number' && v > 0, 'a positive number');
  check('sun_elevation_min', parameters.sun_elevation_min, (v) => typeof v === 'number' && v >= -90 && v <= 90, 'a number from -90 to 90');
  return {
    territory: parameters.territory,
    start: parameters.start === undefined ? null : windowStart(parameters.start),
    days: parameters.days ?? null,
    mode: parameters.mode ?? 'nadir',
    gridKm: parameters.grid_km ?? null,
    sunElevationMinDeg: parameters.sun_elevation_min ?? DEFAULT_SUN_ELEVATION_MIN_DEG,
    members: list(parameters.members),
    satellites:
      list(parameters.satellites)?.map((id) => {
        if (!/^[1-9][0-9]{0,8}$/.test(id)) throw new InvalidRequestError('InvalidParameter', `satellites: "${id}" is not a NORAD id`);
        return Number(id);
      }) ?? null,
    sensor: parameters.sensor ?? null,
    allowStale: parameters.allow_stale ?? false,
  };
}

function check(name: string, value: unknown, valid: (value: unknown) => boolean, expected: string): void {
  if (value !== undefined && !valid(value)) throw new InvalidRequestError('InvalidParameter', `${name} must be ${expected}, got ${JSON.stringify(value)}`);
}

function windowStart(text: string): Date {
  const value = text.trim();
  const time = DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : DATE_TIME.test(value) ? Date.parse(value.replace(' ', 'T')) : NaN;
  if (Number.isNaN(time)) {
    throw new InvalidRequestError('InvalidDatetime', `start "${text}" is not a date (2024-10-05) or an RFC 3339 date-time with a zone (2024-10-05T06:00:00Z)`);
  }
  return new Date(time);
}

function list(value: string | string[] | undefined): string[] | null {
  if (value === undefined) return null;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return items.length === 0 ? null : items;
}
