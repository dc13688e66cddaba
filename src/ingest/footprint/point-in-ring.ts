import type { Position } from 'geojson';

/** Where a point lies relative to a ring. */
export type RingSide = 'inside' | 'outside' | 'boundary';

/**
 * Locates a point against a closed ring in the plane of longitude/latitude degrees (even-odd ray casting), saying
 * `boundary` when it lies exactly on an edge, because the validity checks must tell touching from overlapping.
 */
export function pointInRing(point: Position, ring: Position[]): RingSide {
  const x = point[0] as number;
  const y = point[1] as number;
  let inside = false;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    const ax = a[0] as number;
    const ay = a[1] as number;
    const bx = b[0] as number;
    const by = b[1] as number;
    const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    if (cross === 0 && x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && y >= Math.min(ay, by) && y <= Math.max(ay, by)) {
      return 'boundary';
    }
    if (ay > y !== by > y) {
      const xAtY = ax + ((y - ay) * (bx - ax)) / (by - ay);
      if (x < xAtY) inside = !inside;
    }
  }
  return inside ? 'inside' : 'outside';
}
