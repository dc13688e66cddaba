import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/index.js';
import type { RevisitSatellite } from './core/index.js';

/** Which satellites a computation uses: the pool (SCO members' satellites) unless told otherwise. */
export interface SatelliteSelection {
  /** Only the pool satellites of these members. */
  members?: readonly string[] | null;
  /** Exactly these NORAD ids, reference satellites (EU, US) included. Overrides `members`. */
  satellites?: readonly number[] | null;
  sensor?: 'optical' | 'sar' | null;
}

/** A satellite with the TLE chosen for a window, and how far that TLE's epoch lies from it. */
export interface WindowSatellite extends RevisitSatellite {
  tle_epoch: string;
  /** Days from the TLE epoch to the farther window edge. */
  tle_age_days: number;
}

export interface SelectedSatellites {
  satellites: WindowSatellite[];
  /** Stored but left out, with why (`no_swath`: a satellite without a swath cannot be computed). */
  skipped: { norad_id: number; name: string; reason: 'no_swath' }[];
  /** Requested NORAD ids that are not in the registry. */
  unknown: number[];
}

/**
 * The satellites of a selection, each with the TLE from its history whose epoch lies nearest to the
 * window (the smallest largest distance to either edge), so that a past window is computed from the
 * elements of its time and not from today's.
 */
export async function loadSatellitesForWindow(
  db: Kysely<Database>,
  selection: SatelliteSelection,
  window: { start: Date; end: Date },
): Promise<SelectedSatellites> {
  let query = db.selectFrom('satellites').select(['norad_id', 'name', 'member', 'operator', 'sensor', 'swath_km', 'field_of_regard_deg']);
  if (selection.satellites != null && selection.satellites.length > 0) {
    query = query.where('norad_id', 'in', [...selection.satellites]);
  } else {
    query = query.where('member', 'is not', null);
    if (selection.members != null && selection.members.length > 0) query = query.where('member', 'in', [...selection.members]);
  }
  if (selection.sensor != null) query = query.where('sensor', '=', selection.sensor);
  const rows = await query.orderBy('norad_id').execute();
  const unknown = (selection.satellites ?? []).filter((id) => !rows.some((r) => r.norad_id === id));
  const computable = rows.filter((r) => r.swath_km !== null);
  const skipped = rows.filter((r) => r.swath_km === null).map((r) => ({ norad_id: r.norad_id, name: r.name, reason: 'no_swath' as const }));
  if (computable.length === 0) return { satellites: [], skipped, unknown };

  const tles = await sql<{ norad_id: number; line1: string; line2: string; epoch: Date; age_seconds: number }>`
    SELECT DISTINCT ON (norad_id) norad_id, line1, line2, epoch,
           greatest(abs(extract(epoch FROM (${window.start}::timestamptz - epoch))),
                    abs(extract(epoch FROM (${window.end}::timestamptz - epoch))))::float8 AS age_seconds
    FROM tle_history
    WHERE norad_id = ANY(${computable.map((r) => r.norad_id)}::int[])
    ORDER BY norad_id, age_seconds, epoch DESC`.execute(db);
  const byId = new Map(tles.rows.map((t) => [t.norad_id, t]));
  const satellites = computable.flatMap((r): WindowSatellite[] => {
    const tle = byId.get(r.norad_id);
    if (tle === undefined) return [];
    return [
      {
        norad_id: r.norad_id,
        name: r.name,
        member: r.member ?? r.operator,
        sensor: r.sensor,
        swath_km: r.swath_km as number,
        field_of_regard_deg: r.field_of_regard_deg,
        tle: [tle.line1, tle.line2],
        tle_epoch: new Date(tle.epoch).toISOString(),
        tle_age_days: tle.age_seconds / 86_400,
      },
    ];
  });
  return { satellites, skipped, unknown };
}
