import { EARTH } from '../../orbits/earth.js';
import type { GroundTrackArc } from '../../orbits/ground-track-arcs.js';
import type { LonLatDeg } from './territory-centre.js';

const DEG = Math.PI / 180;
const TWO_PI = 2 * Math.PI;
/** Slack for rounding and the closest-approach refinement (metres), km. */
const MARGIN_KM = 1;

function lowerBound(values: Float64Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The grid's points arranged by row (equal latitude, ascending longitude), to find quickly which
 * points a ground-track arc can come within reach of, so the closest-approach search runs on those
 * alone (typically a tenth of the grid for a 100 km swath) rather than on every point.
 *
 * For each segment between successive samples, every point within angular distance rho of it lies
 * in the rows within rho of the segment's latitudes and, in those rows, within
 * asin(sin rho / cos(phi_max)) of its longitudes, phi_max the segment's largest |latitude| (the
 * widest longitude extent of a small circle of radius rho around a point of the segment); a cap
 * reaching over the pole takes the whole row. Per row, the windows of the northbound segments are
 * merged into one longitude interval and those of the southbound ones into another (a track that
 * turns near 80 deg crosses a high row twice, far apart); the two are merged when they overlap. The
 * result is a superset of the points within reach. Each segment's reach is widened by how far the
 * track can stray from the segment's latitude-longitude box between its two samples.
 */
export class GridRowIndex {
  private readonly rowLatRad: Float64Array;
  private readonly rowStart: Int32Array;
  private readonly rowEnd: Int32Array;
  /** Each point's longitude in the grid's frame [west, west + 2 pi), radians; ascending within a row. */
  private readonly lonRad: Float64Array;
  private readonly westRad: number;
  private readonly rowLo: Float64Array;
  private readonly rowHi: Float64Array;
  private readonly rowSegFrom: Int32Array;
  private readonly rowSegTo: Int32Array;
  private readonly touched: Int32Array;
  private readonly arcLon: Float64Array[] = [new Float64Array(0)];
  private readonly arcLat: Float64Array[] = [new Float64Array(0)];

  /**
   * @param points Grid points in the order `territoryGrid` makes them: row by row, south to north,
   *   west to east from `westDeg`.
   * @param westDeg West edge of the grid's bounding box, degrees.
   */
  constructor(points: readonly LonLatDeg[], westDeg: number) {
    this.westRad = westDeg * DEG;
    const n = points.length;
    this.lonRad = new Float64Array(n);
    const lats: number[] = [];
    const starts: number[] = [];
    points.forEach((p, i) => {
      const lon = p.longitudeDeg * DEG;
      this.lonRad[i] = this.westRad + ((((lon - this.westRad) % TWO_PI) + TWO_PI) % TWO_PI);
      const lat = p.latitudeDeg * DEG;
      if (lats.length === 0 || lat !== lats[lats.length - 1] || this.lonRad[i]! < this.lonRad[i - 1]!) {
        lats.push(lat);
        starts.push(i);
      }
    });
    this.rowLatRad = Float64Array.from(lats);
    this.rowStart = Int32Array.from(starts);
    this.rowEnd = Int32Array.from(starts.map((_, r) => (r + 1 < starts.length ? starts[r + 1]! : n)));
    for (let r = 1; r < lats.length; r++) {
      if (lats[r]! < lats[r - 1]!) throw new RangeError('GridRowIndex: rows must go south to north');
    }
    // Two slots per row: segments going north and segments going south.
    this.rowLo = new Float64Array(2 * lats.length).fill(Infinity);
    this.rowHi = new Float64Array(2 * lats.length).fill(-Infinity);
    this.rowSegFrom = new Int32Array(2 * lats.length);
    this.rowSegTo = new Int32Array(2 * lats.length);
    this.touched = new Int32Array(lats.length);
  }

  /**
   * Writes into `out` the indices of the points that may come within `reachKm` of the arc's ground
   * track, and returns how many; `segmentFrom` and `segmentTo` receive, per candidate, the first and
   * last arc segment (sample k to k + 1) that can pass within reach of it, so the closest-approach
   * search can stay between those samples. The arrays must have room for every grid point.
   */
  candidates(arc: GroundTrackArc, reachKm: number, out: Int32Array, segmentFrom: Int32Array, segmentTo: Int32Array): number {
    const rho = (reachKm + MARGIN_KM) / EARTH.meanRadiusKm;
    const nRows = this.rowLatRad.length;
    if (nRows === 0) return 0;
    if (rho >= Math.PI / 2) return this.all(out, segmentFrom, segmentTo, arc.count - 2);
    const count = arc.count;
    if (this.arcLon[0]!.length < count) {
      this.arcLon[0] = new Float64Array(2 * count);
      this.arcLat[0] = new Float64Array(2 * count);
    }
    const lonU = this.arcLon[0]!;
    const latU = this.arcLat[0]!;
    const u = arc.unit;
    // Sample longitudes, unwrapped along the arc, starting in the grid's frame.
    let previousLon = 0;
    for (let k = 0; k < count; k++) {
      const x = u[3 * k]!;
      const y = u[3 * k + 1]!;
      const z = u[3 * k + 2]!;
      latU[k] = Math.asin(Math.max(-1, Math.min(1, z)));
      const lon = Math.atan2(y, x);
      if (k === 0) lonU[0] = this.westRad + ((((lon - this.westRad) % TWO_PI) + TWO_PI) % TWO_PI);
      else {
        let d = lon - previousLon;
        d -= TWO_PI * Math.round(d / TWO_PI);
        lonU[k] = lonU[k - 1]! + d;
      }
      previousLon = lon;
    }
    const d = arc.diff;
    let touchedCount = 0;
    for (let k = 0; k + 1 < count; k++) {
      const la = latU[k]!;
      const lb = latU[k + 1]!;
      const maxAbs = Math.max(Math.abs(la), Math.abs(lb));
      // Between samples the track leaves their latitude-longitude box by at most
      // R theta^2 / 8 * 2 tan(lat) (a great circle's bulge) plus a little for the ground track's own
      // curvature (theta: the angle between the samples).
      const theta2 = d[3 * k]! ** 2 + d[3 * k + 1]! ** 2 + d[3 * k + 2]! ** 2;
      const bulge = (theta2 / 8) * (2 * Math.tan(Math.min(maxAbs, 1.55)) + 0.2);
      const reach = rho + bulge;
      const latLo = Math.min(la, lb) - reach;
      const latHi = Math.max(la, lb) + reach;
      const dLon = maxAbs + reach >= Math.PI / 2 ? Math.PI : Math.asin(Math.min(1, Math.sin(reach) / Math.cos(maxAbs)));
      const lonLo = Math.min(lonU[k]!, lonU[k + 1]!) - dLon;
      const lonHi = Math.max(lonU[k]!, lonU[k + 1]!) + dLon;
      const slot = lb >= la ? 0 : 1;
      for (let r = lowerBound(this.rowLatRad, 0, nRows, latLo); r < nRows && this.rowLatRad[r]! <= latHi; r++) {
        const j = 2 * r + slot;
        if (this.rowLo[2 * r] === Infinity && this.rowLo[2 * r + 1] === Infinity) this.touched[touchedCount++] = r;
        if (this.rowLo[j] === Infinity) this.rowSegFrom[j] = k;
        this.rowSegTo[j] = k;
        if (lonLo < this.rowLo[j]!) this.rowLo[j] = lonLo;
        if (lonHi > this.rowHi[j]!) this.rowHi[j] = lonHi;
      }
    }
    let found = 0;
    for (let t = 0; t < touchedCount; t++) {
      const r = this.touched[t]!;
      const j = 2 * r;
      let lo0 = this.rowLo[j]!;
      let hi0 = this.rowHi[j]!;
      let from0 = this.rowSegFrom[j]!;
      let to0 = this.rowSegTo[j]!;
      const lo1 = this.rowLo[j + 1]!;
      const hi1 = this.rowHi[j + 1]!;
      const from1 = this.rowSegFrom[j + 1]!;
      const to1 = this.rowSegTo[j + 1]!;
      this.rowLo[j] = this.rowLo[j + 1] = Infinity;
      this.rowHi[j] = this.rowHi[j + 1] = -Infinity;
      // A row crossed going north and again going south (near the track's turning latitude, or
      // both ways on a long arc) keeps two windows unless they overlap, which keeps them narrow.
      if (lo0 === Infinity) {
        found = this.emit(r, lo1, hi1, from1, to1, found, out, segmentFrom, segmentTo);
        continue;
      }
      if (lo1 !== Infinity) {
        // Overlap is tested modulo a turn, so that no point is emitted twice.
        let overlapShift: number | null = hi0 - lo0 >= TWO_PI || hi1 - lo1 >= TWO_PI ? 0 : null;
        const base = Math.round((lo0 - lo1) / TWO_PI);
        for (let k = base - 1; k <= base + 1 && overlapShift === null; k++) {
          if (lo1 + k * TWO_PI <= hi0 && lo0 <= hi1 + k * TWO_PI) overlapShift = k;
        }
        if (overlapShift !== null) {
          lo0 = Math.min(lo0, lo1 + overlapShift * TWO_PI);
          hi0 = Math.max(hi0, hi1 + overlapShift * TWO_PI);
          from0 = Math.min(from0, from1);
          to0 = Math.max(to0, to1);
        } else {
          found = this.emit(r, lo1, hi1, from1, to1, found, out, segmentFrom, segmentTo);
        }
      }
      found = this.emit(r, lo0, hi0, from0, to0, found, out, segmentFrom, segmentTo);
    }
    return found;
  }

  /** Appends the points of row r with longitude in [lo, hi] (arc frame) as candidates. */
  private emit(
    r: number,
    lo: number,
    hi: number,
    segFrom: number,
    segTo: number,
    found: number,
    out: Int32Array,
    segmentFrom: Int32Array,
    segmentTo: Int32Array,
  ): number {
    const start = this.rowStart[r]!;
    const end = this.rowEnd[r]!;
    if (hi - lo >= TWO_PI) {
      for (let i = start; i < end; i++) {
        segmentFrom[found] = segFrom;
        segmentTo[found] = segTo;
        out[found++] = i;
      }
      return found;
    }
    // The window in the arc's unwrapped frame may sit one turn off the grid's frame.
    const turns = Math.floor((lo - this.westRad) / TWO_PI);
    for (let shift = -turns - 1; shift <= -turns + 1; shift++) {
      const a = lo + shift * TWO_PI;
      const b = hi + shift * TWO_PI;
      if (b < this.westRad || a >= this.westRad + TWO_PI) continue;
      for (let i = lowerBound(this.lonRad, start, end, a); i < end && this.lonRad[i]! <= b; i++) {
        segmentFrom[found] = segFrom;
        segmentTo[found] = segTo;
        out[found++] = i;
      }
    }
    return found;
  }

  private all(out: Int32Array, segmentFrom: Int32Array, segmentTo: Int32Array, lastSegment: number): number {
    const n = this.lonRad.length;
    for (let i = 0; i < n; i++) {
      out[i] = i;
      segmentFrom[i] = 0;
      segmentTo[i] = lastSegment;
    }
    return n;
  }
}
