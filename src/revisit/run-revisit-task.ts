import { area } from '@turf/turf';
import { InvalidRequestError } from '../errors.js';
import {
  computeAccesses,
  defaultGridKm,
  groupVisits,
  scopeStatistics,
  territoryBbox,
  territoryGrid,
  territoryPasses,
  type AccessSatellite,
  type ObservationMode,
  type RevisitSatellite,
  type RevisitStatistics,
  type TerritoryGeometry,
  type TerritoryPass,
} from './core/index.js';

/** One revisit computation, as posted to a worker thread: plain JSON. */
export interface RevisitTask {
  territory: TerritoryGeometry;
  satellites: RevisitSatellite[];
  /** Window start, Unix ms (UTC). */
  windowStartMs: number;
  /** Window length, days. */
  days: number;
  mode: ObservationMode;
  /** Grid spacing, km; null for the default (about 2,000 points, `defaultGridKm`). */
  gridKm: number | null;
  sunElevationMinDeg: number;
  /** Member (or operator) codes to report one by one, in this order. */
  memberCodes: string[];
  /** Refuse grids of more points than this (`TooManyGridPoints`). */
  maxGridPoints: number;
  /** Refuse computations of more grid points × satellites × days than this (`WorkTooLarge`). */
  workMax: number;
}

/** The revisit of one grid point by the whole set of satellites (the `format=geojson` answer). */
export interface PointRevisit {
  longitude_deg: number;
  latitude_deg: number;
  visits: number;
  /** Mean gap between successive visits, hours; null with fewer than two visits. */
  mean_revisit_hours: number | null;
  /** Largest gap between successive visits, hours; null with fewer than two visits. */
  max_gap_hours: number | null;
}

/** Everything one access computation answers: statistics per scope, pass events, per-point revisit. */
export interface RevisitTaskResult {
  /** Window, RFC 3339 UTC. */
  start: string;
  end: string;
  grid: { points: number; spacing_km: number; area_km2: number; centre_only: boolean };
  satellites: AccessSatellite[];
  pool: RevisitStatistics;
  members: Record<string, RevisitStatistics | null>;
  pooling_gain: Record<string, number | null>;
  passes: TerritoryPass[];
  points: PointRevisit[];
  /** SGP4 propagations made. */
  propagations: number;
  /** CPU-bound time of the computation, s. */
  seconds: number;
}

/** A grid scan over more bounding-box cells than this many times the point limit is refused before it starts. */
const SCANNED_CELLS_PER_POINT = 100;
const MS_PER_HOUR = 3_600_000;

/**
 * Runs one revisit computation (in a worker thread, or in-process): checks its size against the
 * limits before any propagation, then one `computeAccesses` serves the pool, each member, the pass
 * events and the per-point revisit. Visits group accesses within 20 minutes (`groupVisits`).
 *
 * @param task Territory (GeoJSON degrees), satellites, window (UTC) and limits ({@link RevisitTask}).
 * @returns Plain JSON ({@link RevisitTaskResult}); pooling gains are pool visits per point over the
 *   member's, null for a member without satellites or visits.
 * @throws InvalidRequestError `TooManyGridPoints` when the grid has more than `maxGridPoints`
 *   points (or would scan more than 100 times as many cells of its bounding box); `WorkTooLarge`
 *   when points × satellites × days exceeds `workMax`; `InvalidTle` from the satellites' TLEs.
 * @throws RangeError for a territory the core cannot compute (more than 75 deg from its centre).
 */
export function runRevisitTask(task: RevisitTask): RevisitTaskResult {
  const started = performance.now();
  const areaKm2 = area({ type: 'Feature', properties: {}, geometry: task.territory }) / 1e6;
  const gridKm = task.gridKm ?? (areaKm2 > 0 ? defaultGridKm(areaKm2) : 1);
  // Ask before scanning: a fine grid over a wide, thin territory would cost time for few points.
  const bbox = territoryBbox(task.territory);
  const latStepDeg = (gridKm / 6371.0088) * (180 / Math.PI);
  const centreLatRad = ((bbox.southDeg + bbox.northDeg) / 2) * (Math.PI / 180);
  const cells =
    ((bbox.northDeg - bbox.southDeg) / latStepDeg) * ((bbox.eastDeg - bbox.westDeg) / (latStepDeg / Math.max(Math.cos(centreLatRad), 0.01)));
  const estimatedPoints = areaKm2 / (gridKm * gridKm);
  if (estimatedPoints > 1.5 * task.maxGridPoints || cells > SCANNED_CELLS_PER_POINT * task.maxGridPoints) {
    throw tooManyPoints(Math.round(estimatedPoints), task.maxGridPoints, gridKm, 'about ');
  }
  const grid = territoryGrid(task.territory, gridKm);
  const n = grid.points.length;
  if (n > task.maxGridPoints) throw tooManyPoints(n, task.maxGridPoints, gridKm, '');
  const work = n * task.satellites.length * task.days;
  if (work > task.workMax) {
    throw new InvalidRequestError(
      'WorkTooLarge',
      `${n} grid points × ${task.satellites.length} satellites × ${task.days} days = ${Math.round(work)}, more than the cap of ` +
        `${task.workMax} (EOPOOL_REVISIT_WORK_MAX); use a larger grid_km, fewer satellites or a shorter window`,
      { work: Math.round(work), cap: task.workMax },
    );
  }

  const accessSet = computeAccesses({
    territory: task.territory,
    satellites: task.satellites,
    windowStart: task.windowStartMs,
    days: task.days,
    mode: task.mode,
    gridKm,
    sunElevationMinDeg: task.sunElevationMinDeg,
    maxGridPoints: task.maxGridPoints,
  });
  const all = accessSet.satellites.map((_, i) => i);
  const pool = scopeStatistics(accessSet, all);
  const members: Record<string, RevisitStatistics | null> = {};
  const poolingGain: Record<string, number | null> = {};
  for (const code of task.memberCodes) {
    const indices = all.filter((i) => accessSet.satellites[i]!.member === code);
    const stats = indices.length === 0 ? null : scopeStatistics(accessSet, indices);
    members[code] = stats;
    poolingGain[code] = stats !== null && stats.visits_per_point > 0 ? pool.visits_per_point / stats.visits_per_point : null;
  }
  const points = accessSet.points.map((p, i): PointRevisit => {
    const visits = groupVisits(accessSet.accessTimesMs[i]!);
    let maxGapMs = 0;
    for (let k = 1; k < visits.length; k++) maxGapMs = Math.max(maxGapMs, visits[k]! - visits[k - 1]!);
    const revisited = visits.length >= 2;
    return {
      longitude_deg: p.longitudeDeg,
      latitude_deg: p.latitudeDeg,
      visits: visits.length,
      mean_revisit_hours: revisited ? (visits[visits.length - 1]! - visits[0]!) / (visits.length - 1) / MS_PER_HOUR : null,
      max_gap_hours: revisited ? maxGapMs / MS_PER_HOUR : null,
    };
  });
  return {
    start: new Date(accessSet.windowStartMs).toISOString(),
    end: new Date(accessSet.windowEndMs).toISOString(),
    grid: { points: n, spacing_km: accessSet.gridKm, area_km2: accessSet.areaKm2, centre_only: accessSet.centreOnly },
    satellites: accessSet.satellites,
    pool,
    members,
    pooling_gain: poolingGain,
    passes: territoryPasses(accessSet),
    points,
    propagations: accessSet.propagations,
    seconds: (performance.now() - started) / 1000,
  };
}

function tooManyPoints(points: number, limit: number, gridKm: number, about: string): InvalidRequestError {
  return new InvalidRequestError(
    'TooManyGridPoints',
    `a grid of ${gridKm} km has ${about}${points} points, more than the cap of ${limit} (EOPOOL_REVISIT_GRID_POINTS_MAX); use a larger grid_km`,
    { points, cap: limit, grid_km: gridKm },
  );
}
