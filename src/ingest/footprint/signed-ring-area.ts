import type { Position } from 'geojson';

/**
 * Planar signed area of a closed ring in square degrees (shoelace formula on longitude/latitude as x/y): positive
 * when the ring runs counter-clockwise, the RFC 7946 order for exterior rings. Only its sign and zero-ness are used
 * here; areas that matter are computed geodesically in PostGIS.
 */
export function signedRingArea(ring: Position[]): number {
  let twice = 0;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    twice += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return twice / 2;
}
