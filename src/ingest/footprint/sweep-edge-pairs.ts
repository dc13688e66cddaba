import type { Position } from 'geojson';

/** A segment with its bounding box, as `sweepEdgePairs` needs it. */
export interface SweepEdge {
  a: Position;
  b: Position;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

/** Builds the bounding box fields of a segment. */
export function sweepEdge(a: Position, b: Position): SweepEdge {
  return {
    a,
    b,
    minX: Math.min(a[0] as number, b[0] as number),
    maxX: Math.max(a[0] as number, b[0] as number),
    minY: Math.min(a[1] as number, b[1] as number),
    maxY: Math.max(a[1] as number, b[1] as number),
  };
}

/**
 * Calls `visit` for every pair of edges whose bounding boxes meet, sweeping along x so that long rings cost about
 * n log n instead of n² (a 10,000-vertex footprint would otherwise mean 50 million segment tests). Stops when
 * `visit` returns true.
 */
export function sweepEdgePairs<E extends SweepEdge>(edges: E[], visit: (first: E, second: E) => boolean): void {
  const sorted = edges.slice().sort((e, f) => e.minX - f.minX);
  for (let i = 0; i < sorted.length; i += 1) {
    const e = sorted[i] as E;
    for (let j = i + 1; j < sorted.length; j += 1) {
      const f = sorted[j] as E;
      if (f.minX > e.maxX) break;
      if (f.minY > e.maxY || e.minY > f.maxY) continue;
      if (visit(e, f)) return;
    }
  }
}
