import { closestApproaches, createClosestApproaches } from '../../orbits/closest-approaches.js';
import { groundRangeKmForOffNadir } from '../../orbits/ground-range-for-off-nadir.js';
import { groundTrackArcs } from '../../orbits/ground-track-arcs.js';
import { offNadirRadForGroundRange } from '../../orbits/off-nadir-for-ground-range.js';
import { sunElevationRad } from '../../orbits/sun-elevation.js';
import type { ObservationMode, RevisitSatellite } from './revisit-input.js';
import { revisitWindow } from './revisit-window.js';
import { satelliteSatrec } from './satellite-satrec.js';
import type { LonLatDeg } from './territory-centre.js';

/** Inputs of {@link predictPointPasses}. */
export interface PointPassesInput {
  satellite: RevisitSatellite;
  point: LonLatDeg;
  /** Window start, Date or Unix ms (UTC). */
  windowStart: Date | number;
  /** Window length, days, in (0, 366]. */
  days: number;
  /** `nadir` (default): passes whose swath covers the point; `agile`: within the field of regard too. */
  mode?: ObservationMode;
  /** Least Sun elevation for an optical image, degrees; default 10. */
  sunElevationMinDeg?: number;
}

/** A predicted pass over one point (`/freshest` next_passes). */
export interface PointPass {
  /** Time of closest approach, RFC 3339 UTC. */
  time: string;
  /** Ground distance from the point to the sub-satellite point then, km. */
  distance_km: number;
  /** Off-nadir angle needed to look at the point, degrees (spherical Earth). */
  off_nadir_deg: number;
  /** Satellite height above WGS84, km. */
  height_km: number;
  /** Geometric Sun elevation at the point, degrees. */
  sun_elevation_deg: number;
  /** The Sun is at least the minimum elevation: an optical image is possible. */
  optical_possible: boolean;
  /** The sensor can image on this pass: SAR always, optical when `optical_possible`. */
  image_possible: boolean;
}

const DEG = Math.PI / 180;

/**
 * Predicted passes of one satellite over one point: every local minimum of the distance from the
 * point to the sub-satellite point (SGP4, WGS84, sphere of 6371.0088 km) inside the window that
 * lies within reach (half the swath; in `agile` mode plus the field-of-regard ground range), with
 * the off-nadir angle needed, the Sun's elevation and whether an image is possible. Passes in
 * darkness are listed too (`optical_possible: false`), so a caller can tell "no pass" from "no light".
 *
 * @param input Satellite, point (degrees), window, mode, Sun elevation minimum.
 * @returns Passes in time order.
 * @throws InvalidRequestError `InvalidTle`; RangeError for a bad point, window, swath or mode.
 */
export function predictPointPasses(input: PointPassesInput): PointPass[] {
  const { startMs, endMs } = revisitWindow(input.windowStart, input.days);
  const { latitudeDeg, longitudeDeg } = input.point;
  if (!(Math.abs(latitudeDeg) <= 90) || !Number.isFinite(longitudeDeg)) {
    throw new RangeError(`point must have latitude in [-90, 90] and a finite longitude, got (${longitudeDeg}, ${latitudeDeg})`);
  }
  const mode = input.mode ?? 'nadir';
  if (mode !== 'nadir' && mode !== 'agile') throw new RangeError(`mode must be nadir or agile, got ${String(mode)}`);
  const sunMinDeg = input.sunElevationMinDeg ?? 10;
  const { satellite } = input;
  const { satrec } = satelliteSatrec(satellite);
  const halfSwathKm = satellite.swath_km / 2;
  const forRad = mode === 'agile' && satellite.field_of_regard_deg !== null ? satellite.field_of_regard_deg * DEG : null;
  const maxReachKm =
    halfSwathKm + (forRad === null ? 0 : groundRangeKmForOffNadir(forRad, Math.max(1, satrec.alta * 6378.135 + 25)));
  const lat = latitudeDeg * DEG;
  const lon = longitudeDeg * DEG;
  const px = Math.cos(lat) * Math.cos(lon);
  const py = Math.cos(lat) * Math.sin(lon);
  const pz = Math.sin(lat);
  const out = createClosestApproaches();
  const passes: PointPass[] = [];
  groundTrackArcs(satrec, { startMs, endMs, capCentre: [px, py, pz], capRadiusRad: 0, maxReachKm }, (arc) => {
    const found = closestApproaches(arc, px, py, pz, maxReachKm, out);
    for (let a = 0; a < found; a++) {
      const t = out.timeMs[a]!;
      const distanceKm = out.distanceKm[a]!;
      const heightKm = out.heightKm[a]!;
      if (t < startMs || t > endMs || heightKm <= 0) continue;
      const reachKm = forRad === null ? halfSwathKm : halfSwathKm + groundRangeKmForOffNadir(forRad, heightKm);
      if (distanceKm > reachKm) continue;
      const sunDeg = sunElevationRad(lat, lon, t) / DEG;
      const opticalPossible = sunDeg >= sunMinDeg;
      passes.push({
        time: new Date(t).toISOString(),
        distance_km: distanceKm,
        off_nadir_deg: offNadirRadForGroundRange(distanceKm, heightKm) / DEG,
        height_km: heightKm,
        sun_elevation_deg: sunDeg,
        optical_possible: opticalPossible,
        image_possible: satellite.sensor === 'sar' || opticalPossible,
      });
    }
  });
  return passes;
}
