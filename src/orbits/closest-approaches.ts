import { EARTH } from './earth.js';
import type { GroundTrackArc } from './ground-track-arcs.js';

/** Output of {@link closestApproaches}: parallel arrays, `count` entries used. */
export interface ClosestApproaches {
  count: number;
  /** Time of closest approach, Unix ms (UTC). */
  timeMs: Float64Array;
  /** Great-circle distance from the point to the sub-satellite point at that time, km (sphere R = 6371.0088 km). */
  distanceKm: Float64Array;
  /** Satellite height above WGS84 at that time, km. */
  heightKm: Float64Array;
}

/** A reusable {@link ClosestApproaches} with room for `capacity` approaches per arc. */
export function createClosestApproaches(capacity = 8): ClosestApproaches {
  return {
    count: 0,
    timeMs: new Float64Array(capacity),
    distanceKm: new Float64Array(capacity),
    heightKm: new Float64Array(capacity),
  };
}

/** Time between the anchor samples at which the direction of motion is tested, ms. */
const ANCHOR_SPACING_MS = 160_000;

/**
 * Finds the passes of a satellite over one point inside a ground-track arc: the local minima of the
 * great-circle distance from the point to the sub-satellite point, with their times and distances.
 *
 * With s_k the sub-satellite unit vectors and p the point's, the distance falls while p . (s_k+1 - s_k)
 * is positive. That sign is read at anchor samples about 160 s apart (far less than the half orbit
 * between a minimum and the next maximum); where it turns from positive to not positive, bisection
 * finds the sample k nearest the minimum. The track through samples k-1, k, k+1 is interpolated as
 * a quadratic in time (which follows the ground track's curvature), and Newton's method, started at
 * the vertex of the parabola through the three squared chords, finds the time of the smallest
 * distance to it. Against a 1 s search, 60 s samples give distances within 15 m and times within
 * 20 ms, 20 s samples within 0.5 m (a plain parabola in the squared chord would be 0.7 km off near
 * the track). Minima in the first or last sample of the arc are not reported (they are not local
 * minima inside it).
 *
 * Cost: about (searched duration / 160 s) + 8 dot products per point and arc, whatever the step.
 * A caller that knows which segments can pass near the point (`fromSegment`, `toSegment`: the
 * minimum lies between samples fromSegment and toSegment + 1) narrows the search to them.
 *
 * @param arc Ground-track arc from `groundTrackArcs`.
 * @param px x of the point's unit vector (Earth-fixed; geodetic latitude and longitude on the unit sphere).
 * @param py y of the point's unit vector.
 * @param pz z of the point's unit vector.
 * @param maxDistanceKm Report only approaches at most this far, km (Infinity for all).
 * @param out Receives the approaches; its `count` is reset.
 * @param fromSegment First segment (samples k, k + 1) to search; default 0.
 * @param toSegment Last segment to search; default the arc's last.
 * @returns The number of approaches written (`out.count`).
 */
export function closestApproaches(
  arc: GroundTrackArc,
  px: number,
  py: number,
  pz: number,
  maxDistanceKm: number,
  out: ClosestApproaches,
  fromSegment = 0,
  toSegment = arc.count - 2,
): number {
  out.count = 0;
  const n = arc.count;
  if (n < 3) return 0;
  const u = arc.unit;
  const d = arc.diff;
  const radiusKm = EARTH.meanRadiusKm;
  // Reject before refining when even the nearest sample is farther than reach plus half a step.
  const maxAngle = maxDistanceKm / radiusKm + arc.maxStepRad / 2;
  const maxChord2 = maxAngle >= Math.PI ? 4 : 4 * Math.sin(maxAngle / 2) ** 2;
  const stride = Math.max(1, Math.round(ANCHOR_SPACING_MS / arc.stepMs));
  // The sign change around a minimum on segments [from, to] lies between differences from - 1 and
  // to + 1; the first and last samples of the arc are never minima.
  const first = Math.max(0, fromSegment - 1);
  const last = Math.min(n - 2, toSegment + 1);

  let prevIdx = first;
  let prevG = px * d[3 * first]! + py * d[3 * first + 1]! + pz * d[3 * first + 2]!;
  let idx = first;
  while (idx < last) {
    idx = Math.min(idx + stride, last);
    const j = 3 * idx;
    const g = px * d[j]! + py * d[j + 1]! + pz * d[j + 2]!;
    if (prevG > 0 && g <= 0) {
      let lo = prevIdx;
      let hi = idx;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        const m = 3 * mid;
        if (px * d[m]! + py * d[m + 1]! + pz * d[m + 2]! > 0) lo = mid;
        else hi = mid;
      }
      // hi is the sample nearest the minimum: distance fell into it and does not fall out of it.
      const k = 3 * hi;
      const x0 = px - u[k]!;
      const y0 = py - u[k + 1]!;
      const z0 = pz - u[k + 2]!;
      const c0 = x0 * x0 + y0 * y0 + z0 * z0;
      if (c0 <= maxChord2 && out.count < out.timeMs.length) {
        const xm = px - u[k - 3]!;
        const ym = py - u[k - 2]!;
        const zm = pz - u[k - 1]!;
        const xp = px - u[k + 3]!;
        const yp = py - u[k + 4]!;
        const zp = pz - u[k + 5]!;
        const cm = xm * xm + ym * ym + zm * zm;
        const cp = xp * xp + yp * yp + zp * zp;
        // Track through samples k-1, k, k+1 as s(t) = s_k + b t + q t^2 (t in steps), which follows
        // the ground track's curvature; minimise |s(t) - p|^2 by Newton's method from the vertex of
        // the parabola through the three squared chords.
        const curvature = cm - 2 * c0 + cp;
        let offset = curvature > 0 ? (cm - cp) / (2 * curvature) : 0;
        const bx = (xm - xp) / 2;
        const by = (ym - yp) / 2;
        const bz = (zm - zp) / 2;
        const qx = x0 - (xp + xm) / 2;
        const qy = y0 - (yp + ym) / 2;
        const qz = z0 - (zp + zm) / 2;
        // With x0 = p - s_k: r(t) = s(t) - p = -x0 + b t + q t^2.
        for (let iter = 0; iter < 3; iter++) {
          const rx = -x0 + bx * offset + qx * offset * offset;
          const ry = -y0 + by * offset + qy * offset * offset;
          const rz = -z0 + bz * offset + qz * offset * offset;
          const dx = bx + 2 * qx * offset;
          const dy = by + 2 * qy * offset;
          const dz = bz + 2 * qz * offset;
          const grad = rx * dx + ry * dy + rz * dz;
          const hess = dx * dx + dy * dy + dz * dz + 2 * (rx * qx + ry * qy + rz * qz);
          if (!(hess > 0)) break;
          offset -= grad / hess;
          if (offset > 1) offset = 1;
          else if (offset < -1) offset = -1;
        }
        const sx = u[k]! + bx * offset + qx * offset * offset;
        const sy = u[k + 1]! + by * offset + qy * offset * offset;
        const sz = u[k + 2]! + bz * offset + qz * offset * offset;
        // Angle between p and the interpolated point (normalised), via the chord.
        const norm = Math.sqrt(sx * sx + sy * sy + sz * sz);
        const ex = px - sx / norm;
        const ey = py - sy / norm;
        const ez = pz - sz / norm;
        const chord = Math.sqrt(ex * ex + ey * ey + ez * ez);
        const distanceKm = 2 * radiusKm * Math.asin(Math.min(1, chord / 2));
        if (distanceKm <= maxDistanceKm) {
          const h = arc.heightKm;
          const h0 = h[hi]!;
          const slope = offset >= 0 ? h[hi + 1]! - h0 : h0 - h[hi - 1]!;
          const o = out.count++;
          out.timeMs[o] = arc.startMs + (hi + offset) * arc.stepMs;
          out.distanceKm[o] = distanceKm;
          out.heightKm[o] = h0 + offset * slope;
        }
      }
    }
    prevIdx = idx;
    prevG = g;
  }
  return out.count;
}
