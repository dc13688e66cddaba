import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { InvalidRequestError, NotFoundError } from '../errors.js';
import { isScoMember, SCO_MEMBERS } from '../reference/sco-members.js';
import type { ObservationMode } from './core/index.js';
import { loadSatellitesForWindow, type SelectedSatellites } from './satellite-elements.js';
import { getTerritory, type Territory } from './territory-repository.js';

/** A revisit or passes request, as the API and the CLI take it. */
export interface RevisitQuery {
  territory: string;
  /** Window start (UTC); null: today at 00:00 UTC, the start of the stored window. */
  start: Date | null;
  /** Window length, days, in (0, 60]; null: {@link DEFAULT_DAYS}. */
  days: number | null;
  mode: ObservationMode;
  /** Grid spacing, km; null: the default (about 2,000 points). */
  gridKm: number | null;
  /** Least Sun elevation for an optical access, degrees. */
  sunElevationMinDeg: number;
  /** Only the pool satellites of these SCO members. */
  members: string[] | null;
  /** Exactly these satellites (reference satellites included); the pool is then these. */
  satellites: number[] | null;
  sensor: 'optical' | 'sar' | null;
  /** Compute with TLEs more than {@link STALE_TLE_DAYS} from the window (with a warning) instead of refusing. */
  allowStale: boolean;
}

/** A checked request: its territory, window and satellites, and the warnings its answer carries. */
export interface RevisitPlan {
  territory: Territory;
  window: { start: Date; end: Date; days: number };
  selection: SelectedSatellites;
  /** Codes whose statistics the answer lists one by one. */
  memberCodes: string[];
  warnings: string[];
}

/** Window length when none is asked: the stored window's. */
export const DEFAULT_DAYS = 14;
export const MAX_DAYS = 60;
/** A TLE used more than this far from its epoch is refused (400 `StaleTle`) unless `allow_stale`. */
export const STALE_TLE_DAYS = 45;
/** A TLE used more than this far from its epoch earns a warning. */
export const AGED_TLE_DAYS = 7;
export const DEFAULT_SUN_ELEVATION_MIN_DEG = 10;

const MS_PER_DAY = 86_400_000;
const LISTED_SATELLITES = 5;

/** 00:00 UTC of the day of `time`. */
export function startOfUtcDay(time: Date): Date {
  return new Date(Math.floor(time.getTime() / MS_PER_DAY) * MS_PER_DAY);
}

/**
 * Check a request and gather what its computation needs: the territory, the window, and the
 * satellites with the TLE of each nearest the window (`loadSatellitesForWindow`).
 *
 * @param now The clock, for the default window start.
 * @throws InvalidRequestError `WindowTooLong` over {@link MAX_DAYS} days, `UnknownMember` for a code
 *   that is not one of the ten SCO members, `StaleTle` when a TLE lies more than 45 days from the
 *   window and `allowStale` is false.
 * @throws NotFoundError `TerritoryNotFound`, `SatelliteNotFound` (naming every unknown NORAD id).
 */
export async function planRevisit(db: Kysely<Database>, query: RevisitQuery, now: Date): Promise<RevisitPlan> {
  const days = query.days ?? DEFAULT_DAYS;
  if (days > MAX_DAYS) {
    throw new InvalidRequestError('WindowTooLong', `the window is ${days} days; at most ${MAX_DAYS} days are computed at once`, { days, limit: MAX_DAYS });
  }
  const unknownMembers = (query.members ?? []).filter((m) => !isScoMember(m));
  if (unknownMembers.length > 0) {
    throw new InvalidRequestError(
      'UnknownMember',
      `${unknownMembers.map((m) => `"${m}"`).join(', ')} ${unknownMembers.length === 1 ? 'is not an SCO member code' : 'are not SCO member codes'} ` +
        `(${SCO_MEMBERS.map((m) => m.code).join(', ')})`,
      { members: unknownMembers },
    );
  }
  const territory = await getTerritory(db, query.territory);
  const start = query.start ?? startOfUtcDay(now);
  const window = { start, end: new Date(start.getTime() + days * MS_PER_DAY), days };
  const selection = await loadSatellitesForWindow(db, { members: query.members, satellites: query.satellites, sensor: query.sensor }, window);
  if (selection.unknown.length > 0) {
    throw new NotFoundError('SatelliteNotFound', `no satellite with NORAD id ${selection.unknown.join(', ')}`, { norad_ids: selection.unknown });
  }
  const warnings = tleAgeWarnings(selection, window, query.allowStale);
  if (selection.satellites.length === 0) warnings.push('no satellite with a swath in this selection: nothing can be seen');
  const memberCodes =
    query.satellites !== null
      ? [...new Set(selection.satellites.map((s) => s.member).filter((m): m is string => m !== null))].sort()
      : (query.members ?? SCO_MEMBERS.map((m) => m.code)).slice().sort();
  return { territory, window, selection, memberCodes, warnings };
}

function tleAgeWarnings(selection: SelectedSatellites, window: { start: Date; end: Date }, allowStale: boolean): string[] {
  const span = `${window.start.toISOString()} .. ${window.end.toISOString()}`;
  // The oldest few by name: a whole pool of TLEs from one download ages together.
  const describe = (list: SelectedSatellites['satellites']) => {
    const named = list
      .slice()
      .sort((a, b) => b.tle_age_days - a.tle_age_days)
      .slice(0, LISTED_SATELLITES)
      .map((s) => `${s.name} (${s.norad_id}) ${Math.round(s.tle_age_days)} d`)
      .join(', ');
    return list.length > LISTED_SATELLITES ? `${named} and ${list.length - LISTED_SATELLITES} more` : named;
  };
  const stale = selection.satellites.filter((s) => s.tle_age_days > STALE_TLE_DAYS);
  const aged = selection.satellites.filter((s) => s.tle_age_days > AGED_TLE_DAYS && s.tle_age_days <= STALE_TLE_DAYS);
  const warnings: string[] = [];
  if (stale.length > 0) {
    if (!allowStale) {
      throw new InvalidRequestError(
        'StaleTle',
        `the TLEs of ${stale.length} satellite${stale.length === 1 ? '' : 's'} lie more than ${STALE_TLE_DAYS} days from the window ${span}: ` +
          `${describe(stale)}; load fresh TLEs (POST /satellites/tle, eopool tle FILE) or pass allow_stale=true`,
        {
          limit_days: STALE_TLE_DAYS,
          satellites: stale.map((s) => ({ norad_id: s.norad_id, name: s.name, tle_epoch: s.tle_epoch, tle_age_days: s.tle_age_days })),
        },
      );
    }
    warnings.push(
      `computed with stale TLEs, more than ${STALE_TLE_DAYS} days from the window: ${describe(stale)}; ` +
        'predicted passes may be far off (SGP4 elements hold for a week or two around their epoch)',
    );
  }
  if (aged.length > 0) {
    warnings.push(
      `TLEs more than ${AGED_TLE_DAYS} days from the window: ${describe(aged)}; ` +
        'predicted pass times drift as TLEs age (SGP4 elements hold for a week or two around their epoch)',
    );
  }
  return warnings;
}
