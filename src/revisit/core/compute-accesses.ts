import { InvalidRequestError } from '../../errors.js';
import { closestApproaches, createClosestApproaches } from '../../orbits/closest-approaches.js';
import { groundRangeKmForOffNadir } from '../../orbits/ground-range-for-off-nadir.js';
import { groundTrackArcs } from '../../orbits/ground-track-arcs.js';
import { offNadirRadForGroundRange } from '../../orbits/off-nadir-for-ground-range.js';
import { sunDirectionEcef } from '../../orbits/sun-direction-ecef.js';
import { GridRowIndex } from './grid-row-index.js';
import type { ObservationMode, RevisitInput } from './revisit-input.js';
import { revisitWindow } from './revisit-window.js';
import { satelliteSatrec } from './satellite-satrec.js';
import type { LonLatDeg } from './territory-centre.js';
import { territoryGrid } from './territory-grid.js';
import { tleAgeDays } from './tle-age-days.js';

/** One satellite of an {@link AccessSet}, in input order. */
export interface AccessSatellite {
  norad_id: number;
  name: string;
  member: string | null;
  sensor: 'optical' | 'sar';
  /** TLE epoch, RFC 3339 UTC. */
  tle_epoch: string;
  /** max |window edge - TLE epoch|, days (see `tleAgeDays`). */
  tle_age_days: number;
  /** Passes over the territory that saw at least one grid point. */
  passes: number;
  /** Accesses summed over grid points. */
  accesses: number;
  /** First SGP4 failure in the window (e.g. decay), or null. Later accesses are missing. */
  propagation_error: string | null;
}

/**
 * A pass of one satellite over the territory: the accesses of one ground-track arc. Times in Unix ms.
 */
export interface TerritoryPassRecord {
  /** Index into `AccessSet.satellites`. */
  satellite: number;
  /** First and last access time among the grid points seen. */
  startMs: number;
  endMs: number;
  /** Grid points seen on this pass. */
  pointsSeen: number;
  /** Closest approach of the ground track to the territory's centre: time, distance, off-nadir angle. */
  centreTimeMs: number | null;
  centreDistanceKm: number | null;
  centreOffNadirDeg: number | null;
}

/**
 * Every access of a territory's grid points by a set of satellites over a window: plain JSON (numbers
 * and arrays), so it can come back from a worker thread and feed any scope's statistics.
 */
export interface AccessSet {
  windowStartMs: number;
  windowEndMs: number;
  mode: ObservationMode;
  sunElevationMinDeg: number;
  gridKm: number;
  areaKm2: number;
  centre: LonLatDeg;
  /** Grid points, longitude in [-180, 180). */
  points: LonLatDeg[];
  /** True when the grid is the centre alone (territory smaller than a grid cell). */
  centreOnly: boolean;
  satellites: AccessSatellite[];
  /** Per grid point: times of its accesses (time of closest approach), Unix ms, ascending. */
  accessTimesMs: number[][];
  /** Per grid point: the satellite (index into `satellites`) of each access, parallel to `accessTimesMs`. */
  accessSatellites: number[][];
  /** Passes over the territory that saw some grid point, ordered by start. */
  passes: TerritoryPassRecord[];
  /** SGP4 propagations made. */
  propagations: number;
}

const DEG = Math.PI / 180;
/** A territory whose grid reaches farther than this from its centre would need arcs longer than half an orbit. */
const MAX_CAP_RADIUS_RAD = 75 * DEG;

function unitVector(p: LonLatDeg, out: Float64Array, i: number): void {
  const lat = p.latitudeDeg * DEG;
  const lon = p.longitudeDeg * DEG;
  out[3 * i] = Math.cos(lat) * Math.cos(lon);
  out[3 * i + 1] = Math.cos(lat) * Math.sin(lon);
  out[3 * i + 2] = Math.sin(lat);
}

/**
 * Predicts every access of a territory's grid points by the given satellites over a window.
 *
 * Model (issue 4): SGP4 (satellite.js) from each TLE; Earth-fixed sub-satellite points on WGS84;
 * distances on a sphere of radius 6371.0088 km. A pass of satellite S over point P is a local
 * minimum of the distance from P to S's sub-satellite point; P is seen on it when that smallest
 * distance is at most half the swath (`nadir`), or half the swath plus the ground range at the
 * field-of-regard angle from the satellite's height at that moment (`agile`, satellites with a
 * field of regard; the others stay nadir). The access time is the time of closest approach, and it
 * must fall inside the window. Optical accesses count only when the Sun is at least
 * `sunElevationMinDeg` above P's horizon then (geometric elevation, `sunElevationRad`); SAR counts
 * day and night.
 *
 * Method: each satellite is propagated once, coarsely (120 s, skipping ahead while far away), over
 * the whole window; only stretches of track within reach of the territory's bounding cap are
 * re-propagated at 60 s into a shared Earth-fixed track (`groundTrackArcs`). For each stretch, a
 * row index of the grid picks the points it can reach (`GridRowIndex`), and each of those finds its
 * closest approaches by sign tests, bisection and a Newton refinement on the interpolated track
 * (`closestApproaches`); no point ever steps through time. See bench/README.md for speeds.
 *
 * @param input Territory, satellites, window and options ({@link RevisitInput}).
 * @returns All accesses, pass events and per-satellite facts ({@link AccessSet}).
 * @throws InvalidRequestError `InvalidTle` for a TLE failing its checks (naming satellite, line and
 *   check); `TooManyGridPoints` when the grid exceeds `maxGridPoints`.
 * @throws RangeError for a malformed territory, window, mode, spacing, Sun elevation or swath, or a
 *   territory reaching more than 75 deg from its centre.
 */
export function computeAccesses(input: RevisitInput): AccessSet {
  const { startMs, endMs } = revisitWindow(input.windowStart, input.days);
  const mode: ObservationMode = input.mode ?? 'nadir';
  if (mode !== 'nadir' && mode !== 'agile') throw new RangeError(`mode must be nadir or agile, got ${String(mode)}`);
  const sunElevationMinDeg = input.sunElevationMinDeg ?? 10;
  if (!(sunElevationMinDeg >= -90 && sunElevationMinDeg <= 90)) {
    throw new RangeError(`sun elevation minimum must be in [-90, 90] deg, got ${sunElevationMinDeg}`);
  }
  const grid = territoryGrid(input.territory, input.gridKm);
  const n = grid.points.length;
  if (input.maxGridPoints !== undefined && n > input.maxGridPoints) {
    throw new InvalidRequestError(
      'TooManyGridPoints',
      `grid of ${grid.gridKm} km has ${n} points, more than the limit of ${input.maxGridPoints}; use a larger grid_km`,
      { points: n, limit: input.maxGridPoints, grid_km: grid.gridKm },
    );
  }
  const checked = input.satellites.map((s) => ({ satellite: s, ...satelliteSatrec(s) }));

  const unit = new Float64Array(3 * n);
  grid.points.forEach((p, i) => unitVector(p, unit, i));
  const centreUnit = new Float64Array(3);
  unitVector(grid.centre, centreUnit, 0);
  const [cx, cy, cz] = [centreUnit[0]!, centreUnit[1]!, centreUnit[2]!];
  let capRadiusRad = 0;
  for (let i = 0; i < n; i++) {
    const dot = unit[3 * i]! * cx + unit[3 * i + 1]! * cy + unit[3 * i + 2]! * cz;
    capRadiusRad = Math.max(capRadiusRad, Math.acos(Math.min(1, dot)));
  }
  if (capRadiusRad > MAX_CAP_RADIUS_RAD) {
    throw new RangeError('territory reaches more than 75 deg from its centre; split it');
  }

  const sinSunMin = Math.sin(sunElevationMinDeg * DEG);
  const accessTimesMs: number[][] = Array.from({ length: n }, () => []);
  const accessSatellites: number[][] = Array.from({ length: n }, () => []);
  const passes: TerritoryPassRecord[] = [];
  const satellites: AccessSatellite[] = [];
  const rowIndex = new GridRowIndex(grid.points, grid.bbox.westDeg);
  const candidates = new Int32Array(n);
  const segmentFrom = new Int32Array(n);
  const segmentTo = new Int32Array(n);
  const approaches = createClosestApproaches();
  const centreApproaches = createClosestApproaches();
  let propagations = 0;

  checked.forEach(({ satellite, tle, satrec }, si) => {
    const halfSwathKm = satellite.swath_km / 2;
    const forRad = mode === 'agile' && satellite.field_of_regard_deg !== null ? satellite.field_of_regard_deg * DEG : null;
    // Apogee height above the equatorial radius (satellite.js `alta`, Earth radii of WGS72), plus the
    // 21 km by which WGS84 heights can exceed it near the poles: an upper bound of the height.
    const maxHeightKm = Math.max(1, satrec.alta * 6378.135 + 25);
    const maxReachKm = halfSwathKm + (forRad === null ? 0 : groundRangeKmForOffNadir(forRad, maxHeightKm));
    const optical = satellite.sensor !== 'sar';
    let passCount = 0;
    let accessCount = 0;

    const stats = groundTrackArcs(
      satrec,
      {
        startMs,
        endMs,
        capCentre: [cx, cy, cz],
        capRadiusRad,
        maxReachKm,
        coarseStepS: input.coarseStepS,
        fineStepS: input.fineStepS,
      },
      (arc) => {
        let seen = 0;
        let first = Infinity;
        let last = -Infinity;
        const nCandidates = rowIndex.candidates(arc, maxReachKm, candidates, segmentFrom, segmentTo);
        for (let c = 0; c < nCandidates; c++) {
          const i = candidates[c]!;
          const px = unit[3 * i]!;
          const py = unit[3 * i + 1]!;
          const pz = unit[3 * i + 2]!;
          const found = closestApproaches(arc, px, py, pz, maxReachKm, approaches, segmentFrom[c], segmentTo[c]);
          for (let a = 0; a < found; a++) {
            const t = approaches.timeMs[a]!;
            if (t < startMs || t > endMs) continue;
            const heightKm = approaches.heightKm[a]!;
            const reachKm =
              forRad === null || heightKm <= 0 ? halfSwathKm : halfSwathKm + groundRangeKmForOffNadir(forRad, heightKm);
            if (approaches.distanceKm[a]! > reachKm) continue;
            if (optical) {
              const sun = sunDirectionEcef(t);
              if (px * sun.x + py * sun.y + pz * sun.z < sinSunMin) continue;
            }
            accessTimesMs[i]!.push(t);
            accessSatellites[i]!.push(si);
            seen++;
            if (t < first) first = t;
            if (t > last) last = t;
          }
        }
        if (seen === 0) return;
        passCount++;
        accessCount += seen;
        // The arc spans the whole cap, so the centre's closest approach lies inside it.
        const found = closestApproaches(arc, cx, cy, cz, Infinity, centreApproaches);
        let best = -1;
        for (let a = 0; a < found; a++) {
          if (best < 0 || centreApproaches.distanceKm[a]! < centreApproaches.distanceKm[best]!) best = a;
        }
        const centreDistanceKm = best >= 0 ? centreApproaches.distanceKm[best]! : null;
        const centreHeightKm = best >= 0 ? centreApproaches.heightKm[best]! : 0;
        passes.push({
          satellite: si,
          startMs: first,
          endMs: last,
          pointsSeen: seen,
          centreTimeMs: best >= 0 ? centreApproaches.timeMs[best]! : null,
          centreDistanceKm,
          centreOffNadirDeg:
            centreDistanceKm !== null && centreHeightKm > 0
              ? offNadirRadForGroundRange(centreDistanceKm, centreHeightKm) / DEG
              : null,
        });
      },
    );
    propagations += stats.propagations;
    satellites.push({
      norad_id: satellite.norad_id,
      name: satellite.name,
      member: satellite.member,
      sensor: satellite.sensor,
      tle_epoch: tle.epoch,
      tle_age_days: tleAgeDays(tle.epochMs, startMs, endMs),
      passes: passCount,
      accesses: accessCount,
      propagation_error:
        stats.failedAtMs === null
          ? null
          : `SGP4 error ${stats.sgp4Error} at ${new Date(stats.failedAtMs).toISOString()}`,
    });
  });

  // Accesses arrive satellite by satellite; order each point's list by time.
  for (let i = 0; i < n; i++) {
    const times = accessTimesMs[i]!;
    const sats = accessSatellites[i]!;
    const order = times.map((_, k) => k).sort((a, b) => times[a]! - times[b]!);
    accessTimesMs[i] = order.map((k) => times[k]!);
    accessSatellites[i] = order.map((k) => sats[k]!);
  }
  passes.sort((a, b) => a.startMs - b.startMs);

  return {
    windowStartMs: startMs,
    windowEndMs: endMs,
    mode,
    sunElevationMinDeg,
    gridKm: grid.gridKm,
    areaKm2: grid.areaKm2,
    centre: grid.centre,
    points: grid.points,
    centreOnly: grid.centreOnly,
    satellites,
    accessTimesMs,
    accessSatellites,
    passes,
    propagations,
  };
}
