import type { Position } from 'geojson';

/**
 * Whether the edge from `a` to `b` crosses the antimeridian: its longitude jumps by more than 180°, so the short
 * way round goes through ±180. An edge between two vertices that both sit on ±180 never counts: -180 to 180 is the
 * planar way of drawing a world-spanning or polar edge (MERRAclim's whole-world rectangle), not a crossing.
 */
export function isAntimeridianCrossing(a: Position, b: Position): boolean {
  const lonA = a[0] as number;
  const lonB = b[0] as number;
  if (Math.abs(lonA) === 180 && Math.abs(lonB) === 180) return false;
  return Math.abs(lonB - lonA) > 180;
}

/**
 * The point where the edge `a`→`b` (which crosses the antimeridian) meets it, as seen from `a`'s side: longitude
 * exactly +180 when `a` is east (positive longitude), -180 when `a` is west. The latitude, and any third or later
 * coordinate both ends carry, is interpolated linearly in longitude/latitude degrees, with `b`'s longitude unwrapped
 * by 360° (a plate carrée straight line, not a great circle; for footprints of a few hundred km the two differ by
 * metres, and linear keeps the split pieces exactly on the lines the producer drew).
 *
 * Exact at the ends: t = 0 gives `a`'s latitude bit for bit, t = 1 gives `b`'s, and an edge along a parallel keeps
 * its latitude exactly, so neighbouring pieces share vertices without rounding gaps.
 */
export function crossingPoint(a: Position, b: Position): Position {
  const lonA = a[0] as number;
  const east = lonA > 0;
  const unwrappedLonB = (b[0] as number) + (east ? 360 : -360);
  const boundary = east ? 180 : -180;
  const t = (boundary - lonA) / (unwrappedLonB - lonA);
  const point: Position = [boundary, lerp(a[1] as number, b[1] as number, t)];
  const dimensions = Math.min(a.length, b.length);
  for (let i = 2; i < dimensions; i += 1) point.push(lerp(a[i] as number, b[i] as number, t));
  return point;
}

function lerp(from: number, to: number, t: number): number {
  if (t <= 0) return from;
  if (t >= 1) return to;
  return from + t * (to - from);
}
