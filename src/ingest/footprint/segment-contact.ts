import type { Position } from 'geojson';

/**
 * How two segments meet: not at all, crossing at one interior point of both, touching at one point (an end of one
 * lies on the other), or overlapping along a stretch of positive length (collinear).
 */
export interface SegmentContact {
  kind: 'none' | 'cross' | 'touch' | 'overlap';
  /** The crossing or touching point, or the start of the shared stretch. */
  point: Position | null;
}

function orientation(p: Position, q: Position, r: Position): number {
  return ((q[0] as number) - (p[0] as number)) * ((r[1] as number) - (p[1] as number)) -
    ((q[1] as number) - (p[1] as number)) * ((r[0] as number) - (p[0] as number));
}

function within(p: Position, a: Position, b: Position): boolean {
  const x = p[0] as number;
  const y = p[1] as number;
  return (
    x >= Math.min(a[0] as number, b[0] as number) &&
    x <= Math.max(a[0] as number, b[0] as number) &&
    y >= Math.min(a[1] as number, b[1] as number) &&
    y <= Math.max(a[1] as number, b[1] as number)
  );
}

const NONE: SegmentContact = { kind: 'none', point: null };

/**
 * Classifies how segment a–b meets segment c–d in the plane of longitude/latitude degrees, using exact sign tests
 * on double-precision orientation determinants (no epsilon: vertices the splitter puts on ±180 are exact, and a
 * tolerance would call near-misses in dense real rings intersections).
 */
export function segmentContact(a: Position, b: Position, c: Position, d: Position): SegmentContact {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 === 0 && o2 === 0) {
    // Collinear (or a degenerate segment): compare the stretches along the longer axis.
    const useX =
      Math.abs((b[0] as number) - (a[0] as number)) + Math.abs((d[0] as number) - (c[0] as number)) >=
      Math.abs((b[1] as number) - (a[1] as number)) + Math.abs((d[1] as number) - (c[1] as number));
    const axis = useX ? 0 : 1;
    const lo1 = Math.min(a[axis] as number, b[axis] as number);
    const hi1 = Math.max(a[axis] as number, b[axis] as number);
    const lo2 = Math.min(c[axis] as number, d[axis] as number);
    const hi2 = Math.max(c[axis] as number, d[axis] as number);
    const lo = Math.max(lo1, lo2);
    const hi = Math.min(hi1, hi2);
    if (o3 !== 0 || o4 !== 0 || lo > hi) return NONE;
    const from = [a, b, c, d].find((p) => p[axis] === lo) as Position;
    return { kind: lo < hi ? 'overlap' : 'touch', point: from };
  }
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    const t = o3 / (o3 - o4);
    return {
      kind: 'cross',
      point: [
        (a[0] as number) + t * ((b[0] as number) - (a[0] as number)),
        (a[1] as number) + t * ((b[1] as number) - (a[1] as number)),
      ],
    };
  }
  if (o1 === 0 && within(c, a, b)) return { kind: 'touch', point: c };
  if (o2 === 0 && within(d, a, b)) return { kind: 'touch', point: d };
  if (o3 === 0 && within(a, c, d)) return { kind: 'touch', point: a };
  if (o4 === 0 && within(b, c, d)) return { kind: 'touch', point: b };
  return NONE;
}

