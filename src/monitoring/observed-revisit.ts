import { type Kysely, sql } from 'kysely';
import type { Limits } from '../config.js';
import type { Database } from '../db/index.js';
import { InvalidRequestError } from '../errors.js';
import { groupVisits, revisitStatistics, territoryGrid, type AccessSatellite, type RevisitStatistics } from '../revisit/core/index.js';
import { DEFAULT_SUN_ELEVATION_MIN_DEG, STALE_TLE_DAYS, type RevisitWorkerPool, type Territory } from '../revisit/index.js';
import { loadSatellitesForWindow } from '../revisit/satellite-elements.js';
import { territoryScenes } from './territory-scenes.js';

/** What `/territories/{t}/observed` asks, resolved. */
export interface ObservedRevisitRequest {
  territory: Pick<Territory, 'id' | 'geometry'>;
  start: Date;
  end: Date;
  maxCloudCover?: number | null;
  /** Only these members' scenes and satellites, reported one by one; null: all, every member reported. */
  members?: readonly string[] | null;
}

/** The predicted revisit of the same grid and window. */
export interface PredictedRevisit {
  mode: 'nadir';
  sun_elevation_min_deg: number;
  satellites: AccessSatellite[];
  pool: RevisitStatistics;
  members: Record<string, RevisitStatistics | null>;
}

/** Observed revisit beside the predicted one. */
export interface ObservedRevisit {
  window: { start: string; end: string; days: number };
  grid_km: number;
  points: number;
  /** Scenes that cover at least one grid point. */
  scenes: number;
  observed: { pool: RevisitStatistics; members: Record<string, RevisitStatistics> };
  /** Null when it cannot be computed (see `reason`). */
  predicted: PredictedRevisit | null;
  /** observed.pool.visits_per_point / predicted.pool.visits_per_point; null without a prediction (or a predicted 0). */
  ratio: number | null;
  member_ratios: Record<string, number | null>;
  /**
   * Why there is no prediction: no stored TLE within 45 days of the window, no satellite of the
   * members, or a window too long to predict within `EOPOOL_REVISIT_WORK_MAX`.
   */
  reason: 'no_tle_for_window' | 'no_satellites' | 'prediction_too_large' | null;
  warnings: string[];
}

interface SceneRow {
  t: Date;
  member: string;
  platform: string | null;
  collection: string;
  points: number[];
}

/**
 * Revisit statistics of a territory from the catalog, with the revisit issue's grid and visit
 * rules: the default grid of `territoryGrid`; a point is visited by each scene in [start, end]
 * (passing the cloud and member filters, range at most one hour) whose footprint covers it, at the
 * scene's time, and scenes within 20 minutes of a visit's first are one visit (`groupVisits`). The
 * whole-territory events are the scenes' passes: per collection and platform, scenes within 20
 * minutes are one. The footprints are matched to the grid points in one PostGIS statement.
 *
 * Beside it, the predicted revisit of the same grid and window (nadir mode, Sun at least 10° for
 * optical), computed on the revisit worker pool from the pool satellites (of `members`) whose
 * nearest stored TLE lies within 45 days of the window.
 *
 * @throws InvalidRequestError `InvalidWindow` when the window is empty or longer than 366 days
 */
export async function observedRevisit(
  db: Kysely<Database>,
  workers: RevisitWorkerPool,
  limits: Pick<Limits, 'revisitWorkMax' | 'revisitGridPointsMax'>,
  request: ObservedRevisitRequest,
): Promise<ObservedRevisit> {
  const { territory, start, end } = request;
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  if (!(days > 0 && days <= 366)) {
    throw new InvalidRequestError('InvalidWindow', `the window must be longer than 0 and at most 366 days, got ${days.toFixed(2)} days`);
  }
  const memberCodes = request.members ?? (await db.selectFrom('members').select('code').orderBy('code').execute()).map((m) => m.code);
  const grid = territoryGrid(territory.geometry);
  const window = { since: start, at: end };
  const { rows } = await sql<SceneRow>`
    WITH scenes AS MATERIALIZED (${territoryScenes(territory, window, { maxCloudCover: request.maxCloudCover, members: request.members })}),
    pts AS MATERIALIZED (
      SELECT (x.ord - 1)::int AS p, ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326) AS g
      FROM unnest(${grid.points.map((p) => p.longitudeDeg)}::float8[], ${grid.points.map((p) => p.latitudeDeg)}::float8[]) WITH ORDINALITY AS x(lon, lat, ord)
    )
    -- Scene by scene (LATERAL keeps the scene outside), so that PostGIS prepares each footprint once
    -- for its run of point tests.
    SELECT s.collection, s.id, s.t, s.member, s.platform, hit.points
    FROM scenes s
    CROSS JOIN LATERAL (SELECT array_agg(pts.p) AS points FROM pts WHERE pts.g && s.geometry AND _ST_Intersects(s.geometry, pts.g)) hit
    WHERE hit.points IS NOT NULL`.execute(db);
  const scenes = rows.map((r) => ({ ...r, t: new Date(r.t).getTime() }));

  const statistics = (member: string | null) => {
    const own = member === null ? scenes : scenes.filter((s) => s.member === member);
    const perPoint: number[][] = grid.points.map(() => []);
    for (const scene of own) for (const p of scene.points) perPoint[p]!.push(scene.t);
    const visits = perPoint.map((times) => groupVisits(times.sort((a, b) => a - b)));
    const byPlatform = new Map<string, number[]>();
    for (const scene of own) {
      const key = `${scene.collection}\u0000${scene.platform ?? ''}`;
      const times = byPlatform.get(key);
      if (times === undefined) byPlatform.set(key, [scene.t]);
      else times.push(scene.t);
    }
    const events = [...byPlatform.values()].flatMap((times) => groupVisits(times.sort((a, b) => a - b)));
    return revisitStatistics(visits, events);
  };
  const pool = statistics(null);
  const members = Object.fromEntries(memberCodes.map((code) => [code, statistics(code)]));

  const { satellites } = await loadSatellitesForWindow(db, { members: request.members }, { start, end });
  const fresh = satellites.filter((s) => s.tle_age_days <= STALE_TLE_DAYS);
  const warnings: string[] = [];
  const stale = satellites.length - fresh.length;
  if (stale > 0 && fresh.length > 0) {
    warnings.push(`${stale} satellite(s) left out of the prediction: no stored TLE within ${STALE_TLE_DAYS} days of the window`);
  }
  const work = grid.points.length * fresh.length * days;
  let predicted: PredictedRevisit | null = null;
  let reason: ObservedRevisit['reason'] = null;
  if (satellites.length === 0) reason = 'no_satellites';
  else if (fresh.length === 0) reason = 'no_tle_for_window';
  else if (work > limits.revisitWorkMax) {
    reason = 'prediction_too_large';
    warnings.push(`no prediction: ${Math.round(work)} grid points × satellites × days is more than EOPOOL_REVISIT_WORK_MAX (${limits.revisitWorkMax}); shorten the window`);
  } else {
    const result = await workers.run({
      territory: territory.geometry,
      satellites: fresh,
      windowStartMs: start.getTime(),
      days,
      mode: 'nadir',
      gridKm: grid.gridKm,
      sunElevationMinDeg: DEFAULT_SUN_ELEVATION_MIN_DEG,
      memberCodes: [...memberCodes],
      maxGridPoints: limits.revisitGridPointsMax,
      workMax: limits.revisitWorkMax,
    });
    predicted = { mode: 'nadir', sun_elevation_min_deg: DEFAULT_SUN_ELEVATION_MIN_DEG, satellites: result.satellites, pool: result.pool, members: result.members };
  }
  const ratio = (observed: RevisitStatistics, expected: RevisitStatistics | null | undefined) =>
    expected == null || expected.visits_per_point === 0 ? null : observed.visits_per_point / expected.visits_per_point;
  return {
    window: { start: start.toISOString(), end: end.toISOString(), days },
    grid_km: grid.gridKm,
    points: grid.points.length,
    scenes: scenes.length,
    observed: { pool, members },
    predicted,
    ratio: ratio(pool, predicted?.pool),
    member_ratios: Object.fromEntries(memberCodes.map((code) => [code, ratio(members[code]!, predicted?.members[code])])),
    reason,
    warnings,
  };
}
