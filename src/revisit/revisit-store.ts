import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { ObservationMode, TerritoryPass } from './core/index.js';
import type { PointRevisit } from './run-revisit-task.js';
import type { SelectedSatellites } from './satellite-elements.js';

/** The satellites of a stored window: every SCO member's satellite with a swath. */
export const POOL_SCOPE = 'pool';

/** A stored window, as found for a request. */
export interface StoredRun {
  id: string;
  windowStart: Date;
  windowEnd: Date;
  gridKm: number;
  sunElevationMinDeg: number;
  inputsDigest: string;
  report: Record<string, unknown>;
  computedAt: Date;
}

/**
 * A digest of everything a window's result depends on besides its parameters: the territory's
 * version and, per satellite, the TLE epoch, swath, field of regard, sensor and member. A stored
 * window whose digest differs from the current one is out of date.
 */
export function inputsDigest(territoryUpdated: string, selection: SelectedSatellites): string {
  const satellites = selection.satellites
    .map((s) => [s.norad_id, s.tle_epoch, s.swath_km, s.field_of_regard_deg, s.sensor, s.member])
    .sort((a, b) => Number(a[0]) - Number(b[0]));
  const skipped = selection.skipped.map((s) => s.norad_id).sort((a, b) => a - b);
  return createHash('sha256').update(JSON.stringify({ territoryUpdated, satellites, skipped })).digest('hex').slice(0, 32);
}

/**
 * The stored window of a territory holding [start, end] in the given mode and Sun elevation, the
 * exact one first, then the latest computed; undefined when none.
 */
export async function findStoredRun(
  db: Kysely<Database>,
  key: { territory: string; start: Date; end: Date; mode: ObservationMode; sunElevationMinDeg: number },
): Promise<StoredRun | undefined> {
  const row = await db
    .selectFrom('revisit_runs')
    .select(['id', 'window_start', 'window_end', 'grid_km', 'sun_elevation_min_deg', 'inputs_digest', 'report', 'computed_at'])
    .where('territory', '=', key.territory)
    .where('scope', '=', POOL_SCOPE)
    .where('mode', '=', key.mode)
    .where('sun_elevation_min_deg', '=', key.sunElevationMinDeg)
    .where('window_start', '<=', key.start)
    .where('window_end', '>=', key.end)
    .orderBy((eb) => eb.and([eb('window_start', '=', key.start), eb('window_end', '=', key.end)]), 'desc')
    .orderBy('computed_at', 'desc')
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: String(row.id),
    windowStart: row.window_start,
    windowEnd: row.window_end,
    gridKm: row.grid_km,
    sunElevationMinDeg: row.sun_elevation_min_deg,
    inputsDigest: row.inputs_digest,
    report: row.report,
    computedAt: row.computed_at,
  };
}

/** The digest of a territory's stored pool window, if there is one. */
export async function storedDigest(
  db: Kysely<Database>,
  key: { territory: string; start: Date; end: Date; mode: ObservationMode },
): Promise<string | undefined> {
  const row = await db
    .selectFrom('revisit_runs')
    .select('inputs_digest')
    .where('territory', '=', key.territory)
    .where('scope', '=', POOL_SCOPE)
    .where('mode', '=', key.mode)
    .where('window_start', '=', key.start)
    .where('window_end', '=', key.end)
    .executeTakeFirst();
  return row?.inputs_digest;
}

/** Per grid point as stored: [longitude, latitude, visits, mean revisit h, largest gap h]. */
export function pointRows(points: readonly PointRevisit[]): (number | null)[][] {
  return points.map((p) => [p.longitude_deg, p.latitude_deg, p.visits, p.mean_revisit_hours, p.max_gap_hours]);
}

function pointsFromRows(rows: readonly (number | null)[][]): PointRevisit[] {
  return rows.map(([longitude, latitude, visits, mean, maxGap]) => ({
    longitude_deg: longitude ?? NaN,
    latitude_deg: latitude ?? NaN,
    visits: visits ?? 0,
    mean_revisit_hours: mean ?? null,
    max_gap_hours: maxGap ?? null,
  }));
}

/** The per-point revisit of a stored window. */
export async function storedPoints(db: Kysely<Database>, runId: string): Promise<PointRevisit[]> {
  const row = await db.selectFrom('revisit_runs').select('points').where('id', '=', runId).executeTakeFirstOrThrow();
  return pointsFromRows(row.points);
}

/**
 * Store a territory's pool window with its passes, replacing the one of the same window and mode.
 * One transaction, so a reader sees the old window or the new one; the upsert makes two replicas
 * storing the same window at once wait for each other rather than fail.
 */
export async function storeRun(
  db: Kysely<Database>,
  run: {
    territory: string;
    start: Date;
    end: Date;
    mode: ObservationMode;
    gridKm: number;
    sunElevationMinDeg: number;
    inputsDigest: string;
    report: Record<string, unknown>;
    points: readonly PointRevisit[];
    passes: readonly TerritoryPass[];
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const values = {
      grid_km: run.gridKm,
      sun_elevation_min_deg: run.sunElevationMinDeg,
      inputs_digest: run.inputsDigest,
      report: JSON.stringify(run.report),
      points: JSON.stringify(pointRows(run.points)),
      computed_at: new Date(),
    };
    const { id } = await trx
      .insertInto('revisit_runs')
      .values({ territory: run.territory, window_start: run.start, window_end: run.end, mode: run.mode, scope: POOL_SCOPE, ...values })
      .onConflict((oc) => oc.columns(['territory', 'window_start', 'window_end', 'mode', 'scope']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('passes').where('revisit_run', '=', String(id)).execute();
    const rows = run.passes.map((p) => ({
      revisit_run: String(id),
      territory: run.territory,
      norad_id: p.norad_id,
      start_at: p.start,
      end_at: p.end,
      share: p.share,
      centre_time: p.centre_time,
      centre_distance_km: p.centre_distance_km,
      centre_off_nadir_deg: p.centre_off_nadir_deg,
    }));
    // Batches keep each statement well under PostgreSQL's 65,535 parameters.
    for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('passes').values(rows.slice(i, i + 1000)).execute();
  });
}

/**
 * The passes of a stored window that overlap [start, end], optionally of some members' satellites
 * or one sensor, ordered by start. A pass is listed whole, as computed for the stored window.
 */
export async function storedPasses(
  db: Kysely<Database>,
  runId: string,
  filter: { start: Date; end: Date; members: readonly string[] | null; sensor: 'optical' | 'sar' | null },
): Promise<TerritoryPass[]> {
  let query = db
    .selectFrom('passes')
    .innerJoin('satellites', 'satellites.norad_id', 'passes.norad_id')
    .select([
      'passes.norad_id',
      'satellites.name',
      'satellites.member',
      'satellites.operator',
      'satellites.sensor',
      'passes.start_at',
      'passes.end_at',
      'passes.share',
      'passes.centre_time',
      'passes.centre_distance_km',
      'passes.centre_off_nadir_deg',
    ])
    .where('passes.revisit_run', '=', runId)
    .where('passes.end_at', '>=', filter.start)
    .where('passes.start_at', '<=', filter.end)
    .orderBy('passes.start_at')
    .orderBy('passes.norad_id');
  if (filter.members !== null && filter.members.length > 0) query = query.where('satellites.member', 'in', [...filter.members]);
  if (filter.sensor !== null) query = query.where('satellites.sensor', '=', filter.sensor);
  return (await query.execute()).map((row) => ({
    norad_id: row.norad_id,
    satellite: row.name,
    member: row.member ?? row.operator,
    sensor: row.sensor,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    share: row.share,
    centre_time: row.centre_time?.toISOString() ?? null,
    centre_distance_km: row.centre_distance_km,
    centre_off_nadir_deg: row.centre_off_nadir_deg,
  }));
}

/** Forget stored windows that ended before `time`. Returns how many. */
export async function deleteRunsEndedBefore(db: Kysely<Database>, time: Date): Promise<number> {
  const deleted = await db.deleteFrom('revisit_runs').where('window_end', '<', time).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
