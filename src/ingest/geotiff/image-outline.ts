/** A position in the file's CRS (x east, y north, in its units) or in lon/lat degrees. */
export type XY = [number, number];

/** Maps a corner-based pixel position (col, row) into the file's CRS. */
export type PixelToCrs = (col: number, row: number) => XY;

/**
 * The image outline in its CRS: its four corners (top-left, bottom-left, bottom-right, top-right)
 * with `pointsPerEdge - 2` more points evenly along each edge in pixel space, closed, so that the
 * outline stays faithful once curved by a change of CRS (GDAL's densified bounds use 21 per edge).
 * The ring is made counter-clockwise in the CRS, as RFC 7946 wants exteriors, whichever way the
 * rows run.
 */
export function imageOutline(toCrs: PixelToCrs, width: number, height: number, pointsPerEdge = 21): XY[] {
  const steps = pointsPerEdge - 1;
  const corners: XY[] = [
    [0, 0],
    [0, height],
    [width, height],
    [width, 0],
  ];
  const ring: XY[] = [];
  for (let edge = 0; edge < 4; edge++) {
    const [c0, r0] = corners[edge]!;
    const [c1, r1] = corners[(edge + 1) % 4]!;
    for (let i = 0; i < steps; i++) ring.push(toCrs(c0 + ((c1 - c0) * i) / steps, r0 + ((r1 - r0) * i) / steps));
  }
  ring.push(ring[0]!);
  return signedArea(ring) < 0 ? ring.reverse() : ring;
}

/** Twice the signed area of a closed ring (shoelace); positive when counter-clockwise. */
function signedArea(ring: readonly XY[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum;
}
