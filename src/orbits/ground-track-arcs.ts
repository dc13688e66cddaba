import { gstime, sgp4, type SatRec } from 'satellite.js';
import { EARTH } from './earth.js';
import { julianDate, julianDateToMs } from './julian-date.js';

/**
 * A stretch of a satellite's ground track sampled at a fixed step: the sub-satellite points as unit
 * vectors of the Earth-fixed frame (WGS84 geodetic latitude and longitude put on the unit sphere, the
 * spherical model's ground point) and the satellite's height above WGS84.
 *
 * The arrays are buffers reused between calls of the `onArc` callback: read them inside it, copy
 * what must outlive it.
 */
export interface GroundTrackArc {
  /** Time of sample 0, Unix ms (UTC). */
  startMs: number;
  /** Time between samples, ms. */
  stepMs: number;
  /** Number of samples, at least 3. */
  count: number;
  /** Sub-satellite unit vectors, x, y, z interleaved (3 count values used). */
  unit: Float64Array;
  /** unit[k + 1] - unit[k], interleaved (3 (count - 1) values used). */
  diff: Float64Array;
  /** Geodetic height of the satellite above WGS84 per sample, km. */
  heightKm: Float64Array;
  /** Largest angle between successive sub-satellite points in this arc, radians. */
  maxStepRad: number;
}

/** Where and how finely {@link groundTrackArcs} samples. */
export interface GroundTrackArcOptions {
  /** Start of the window of interest, Unix ms (UTC). */
  startMs: number;
  /** End of the window of interest, Unix ms (UTC). Arcs reach a few coarse steps past both ends. */
  endMs: number;
  /** Unit vector (Earth-fixed) of the centre of the region of interest. */
  capCentre: readonly [number, number, number];
  /** Angular radius of a spherical cap around `capCentre` holding every point of interest, radians. */
  capRadiusRad: number;
  /** Largest ground distance from the sub-satellite point at which a point can be seen, km. */
  maxReachKm: number;
  /** Step of the first, whole-window propagation, s; a multiple of `fineStepS`. Default 120. Far from
   * the region whole stretches of it are skipped (see {@link groundTrackArcs}). */
  coarseStepS?: number;
  /** Step inside arcs near the region, s. Default 60 (closest approaches are then within 15 m and 20 ms of a 1 s search). */
  fineStepS?: number;
}

/** What one {@link groundTrackArcs} run did. */
export interface GroundTrackArcStats {
  /** SGP4 calls made (coarse and fine). */
  propagations: number;
  /** Arcs handed to the callback. */
  arcs: number;
  /** Time of the first failed propagation, Unix ms, or null. */
  failedAtMs: number | null;
  /** satellite.js error code of that failure (e.g. 6: decayed), or null. */
  sgp4Error: number | null;
}

const A_KM = EARTH.wgs84EquatorialRadiusKm;
const F = EARTH.wgs84Flattening;
const B_KM = A_KM * (1 - F);
const E2 = F * (2 - F);
const EP2 = E2 / (1 - E2);
// The satellite's geocentric direction, used in the coarse pass, is up to 0.2 deg from its geodetic
// sub-satellite point (WGS84 flattening at LEO heights); this margin covers it.
const GEODETIC_MARGIN_RAD = (0.35 * Math.PI) / 180;

/**
 * Writes the sub-satellite unit vector and height (WGS84, Bowring's method, two refinements, as in
 * `ecefToGeodetic`) of a TEME position into `unit[3i..3i+2]` and `height[i]`. Inlined here rather
 * than calling `ecefToGeodetic` because this runs a million times per computation and needs no trig.
 */
function writeSubSatellitePoint(
  xTeme: number,
  yTeme: number,
  zTeme: number,
  gmstRad: number,
  unit: Float64Array,
  height: Float64Array,
  i: number,
): void {
  const c = Math.cos(gmstRad);
  const s = Math.sin(gmstRad);
  const x = c * xTeme + s * yTeme;
  const y = -s * xTeme + c * yTeme;
  const z = zTeme;
  const p = Math.sqrt(x * x + y * y);
  let sb = A_KM * z;
  let cb = B_KM * p;
  let num = 0;
  let den = 0;
  for (let iter = 0; iter < 2; iter++) {
    const n = Math.sqrt(sb * sb + cb * cb);
    const sn = sb / n;
    const cs = cb / n;
    num = z + EP2 * B_KM * sn * sn * sn;
    den = p - E2 * A_KM * cs * cs * cs;
    sb = (1 - F) * num;
    cb = den;
  }
  const hyp = Math.sqrt(num * num + den * den);
  const sinLat = num / hyp;
  const cosLat = den / hyp;
  const j = 3 * i;
  if (p > 0) {
    unit[j] = (cosLat * x) / p;
    unit[j + 1] = (cosLat * y) / p;
  } else {
    unit[j] = 0;
    unit[j + 1] = 0;
  }
  unit[j + 2] = sinLat;
  height[i] = p * cosLat + z * sinLat - A_KM * Math.sqrt(1 - E2 * sinLat * sinLat);
}

class ArcBuffer implements GroundTrackArc {
  startMs = 0;
  stepMs = 0;
  count = 0;
  unit = new Float64Array(0);
  diff = new Float64Array(0);
  heightKm = new Float64Array(0);
  maxStepRad = 0;

  reserve(n: number): void {
    if (this.heightKm.length >= n) return;
    const size = Math.max(n, 2 * this.heightKm.length, 64);
    this.unit = new Float64Array(3 * size);
    this.diff = new Float64Array(3 * size);
    this.heightKm = new Float64Array(size);
  }

  finish(): void {
    const u = this.unit;
    const d = this.diff;
    let maxChord2 = 0;
    for (let k = 0; k + 1 < this.count; k++) {
      const j = 3 * k;
      const dx = u[j + 3]! - u[j]!;
      const dy = u[j + 4]! - u[j + 1]!;
      const dz = u[j + 5]! - u[j + 2]!;
      d[j] = dx;
      d[j + 1] = dy;
      d[j + 2] = dz;
      const c2 = dx * dx + dy * dy + dz * dz;
      if (c2 > maxChord2) maxChord2 = c2;
    }
    this.maxStepRad = 2 * Math.asin(Math.min(1, Math.sqrt(maxChord2) / 2));
  }
}

/**
 * Propagates one satellite (SGP4, satellite.js) over a window and hands the stretches of its ground
 * track that pass near a region to `onArc`, sampled finely.
 *
 * Two passes. The coarse pass walks the whole window (plus two coarse steps each side) on a
 * `coarseStepS` grid and keeps the samples whose geocentric direction is within
 * threshold = capRadius + maxReach / R + (largest step angle) / 2 + 0.35 deg of the cap centre: the
 * sub-satellite point of any moment at which a point of the cap is within reach lies within
 * capRadius + maxReach of the centre, and the coarse sample nearest that moment within half a step
 * of it. The step angle is bounded beforehand (orbital rate at perigee + 3 % + Earth rotation), so
 * a sample at angle a > threshold proves the next floor((a - threshold) / step angle) - 1 samples
 * are not kept either, and they are skipped unpropagated: far from the region the pass costs a few
 * propagations per orbit. Runs of kept samples, widened by one coarse step each side, are then
 * propagated every `fineStepS` into Earth-fixed sub-satellite points (TEME rotated by the IAU 1982
 * GMST, WGS84 geodetic latitude) and heights. An arc therefore starts and ends outside reach of
 * every point of the cap, so each closest approach within reach falls strictly inside one arc.
 *
 * A propagation error (satellite.js sets `satrec.error`, e.g. decay) ends the arc at that sample and
 * is reported in the stats; propagation goes on, as SGP4 errors depend on the time.
 *
 * @param satrec satellite.js record from `twoline2satrec`.
 * @param options Window, region and steps; see {@link GroundTrackArcOptions}.
 * @param onArc Called synchronously for each arc, in time order; the arc's buffers are reused afterwards.
 * @returns Counts of propagations and arcs, and the first propagation failure.
 * @throws RangeError when the steps are not positive, the coarse step is not a multiple of the fine
 *   one, or the window is empty.
 */
export function groundTrackArcs(
  satrec: SatRec,
  options: GroundTrackArcOptions,
  onArc: (arc: GroundTrackArc) => void,
): GroundTrackArcStats {
  const coarseStepS = options.coarseStepS ?? 120;
  const fineStepS = options.fineStepS ?? 60;
  const ratio = Math.round(coarseStepS / fineStepS);
  if (!(fineStepS > 0) || !(coarseStepS > 0) || Math.abs(ratio * fineStepS - coarseStepS) > 1e-9 || ratio < 1) {
    throw new RangeError(`groundTrackArcs: coarse step ${coarseStepS} s must be a positive multiple of fine step ${fineStepS} s`);
  }
  if (!(options.endMs > options.startMs)) throw new RangeError('groundTrackArcs: window end must be after its start');
  const coarseMs = coarseStepS * 1000;
  const fineMs = fineStepS * 1000;
  const epochMs = julianDateToMs(satrec.jdsatepoch);
  const [cx, cy, cz] = options.capCentre;

  const t0 = options.startMs - 2 * coarseMs;
  const nCoarse = Math.ceil((options.endMs + 2 * coarseMs - t0) / coarseMs) + 1;
  // Upper bound of the angle the satellite's Earth-fixed direction turns in one coarse step: the
  // orbital angular rate at perigee, n (1 + e)^2 / (1 - e^2)^1.5, with 3 % for J2 and drag, plus
  // the Earth's rotation.
  const e = Math.min(satrec.ecco, 0.99);
  const orbitRateRadPerS = ((satrec.no / 60) * (1 + e) ** 2) / (1 - e * e) ** 1.5;
  const maxStepRad = (1.03 * orbitRateRadPerS + EARTH.rotationRateRadPerS) * coarseStepS;
  const threshold = options.capRadiusRad + options.maxReachKm / EARTH.meanRadiusKm + maxStepRad / 2 + GEODETIC_MARGIN_RAD;
  const kept = new Uint8Array(nCoarse);
  let propagations = 0;
  let failedAtMs: number | null = null;
  let sgp4Error: number | null = null;
  for (let k = 0; k < nCoarse; ) {
    const t = t0 + k * coarseMs;
    const pv = sgp4(satrec, (t - epochMs) / 60_000);
    propagations++;
    if (pv === null) {
      if (failedAtMs === null) {
        failedAtMs = t;
        sgp4Error = satrec.error;
      }
      k++;
      continue;
    }
    const g = gstime(julianDate(t));
    const c = Math.cos(g);
    const s = Math.sin(g);
    const pos = pv.position;
    const x = c * pos.x + s * pos.y;
    const y = -s * pos.x + c * pos.y;
    const z = pos.z;
    const angle = Math.acos(Math.max(-1, Math.min(1, (x * cx + y * cy + z * cz) / Math.sqrt(x * x + y * y + z * z))));
    if (angle <= threshold) {
      kept[k] = 1;
      k++;
    } else {
      // The next samples cannot be kept before the satellite has turned (angle - threshold): skip them.
      k += Math.max(1, Math.floor((angle - threshold) / maxStepRad));
    }
  }

  // Runs of kept coarse samples, each widened by one sample per side and merged when they touch.
  const runs: [number, number][] = [];
  for (let k = 0; k < nCoarse; k++) {
    if (kept[k] !== 1) continue;
    const from = Math.max(0, k - 1);
    let last = k;
    while (last + 1 < nCoarse && kept[last + 1] === 1) last++;
    const to = Math.min(nCoarse - 1, last + 1);
    const prev = runs[runs.length - 1];
    if (prev !== undefined && from <= prev[1]) prev[1] = to;
    else runs.push([from, to]);
    k = last;
  }

  const arc = new ArcBuffer();
  arc.stepMs = fineMs;
  let arcs = 0;
  const emit = (): void => {
    if (arc.count >= 3) {
      arc.finish();
      onArc(arc);
      arcs++;
    }
    arc.count = 0;
  };
  for (const [from, to] of runs) {
    const n = (to - from) * ratio + 1;
    arc.reserve(n);
    arc.count = 0;
    arc.startMs = t0 + from * coarseMs;
    for (let i = 0; i < n; i++) {
      const t = t0 + from * coarseMs + i * fineMs;
      const pv = sgp4(satrec, (t - epochMs) / 60_000);
      propagations++;
      if (pv === null) {
        if (failedAtMs === null || t < failedAtMs) {
          failedAtMs = t;
          sgp4Error = satrec.error;
        }
        emit();
        arc.startMs = t + fineMs;
        continue;
      }
      writeSubSatellitePoint(pv.position.x, pv.position.y, pv.position.z, gstime(julianDate(t)), arc.unit, arc.heightKm, arc.count);
      arc.count++;
    }
    emit();
  }
  return { propagations, arcs, failedAtMs, sgp4Error };
}
