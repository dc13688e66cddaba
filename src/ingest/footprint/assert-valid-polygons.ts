import type { Position } from 'geojson';
import { type Extent, extentOf } from './extent-of.js';
import { formatPosition, invalidGeometry } from './invalid-geometry.js';
import { pointInRing } from './point-in-ring.js';
import { segmentContact } from './segment-contact.js';
import { sweepEdge, sweepEdgePairs, type SweepEdge } from './sweep-edge-pairs.js';

interface Edge extends SweepEdge {
  polygon: number;
  ring: number;
  index: number;
  /** Edges in the ring once repeated positions are skipped, to know which edges are neighbours. */
  ringEdges: number;
}

function withoutRepeats(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function boxesMeet(a: Extent, b: Extent): boolean {
  return a.minLon <= b.maxLon && b.minLon <= a.maxLon && a.minLat <= b.maxLat && b.minLat <= a.maxLat;
}

/** A point of `ring` that is not on `other`'s boundary: a vertex, else an edge midpoint; null if none is found. */
function pointOffBoundary(ring: Position[], other: Position[]): Position | null {
  for (const p of ring) if (pointInRing(p, other) !== 'boundary') return p;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    const mid = [((a[0] as number) + (b[0] as number)) / 2, ((a[1] as number) + (b[1] as number)) / 2];
    if (pointInRing(mid, other) !== 'boundary') return mid;
  }
  return null;
}

/** Whether every corner lies on the line through the first two (exactly, as the orientation test sees it). */
function allOnOneLine(ring: Position[]): boolean {
  const a = ring[0] as Position;
  const b = ring[1] as Position;
  return ring.every(
    (p) =>
      ((b[0] as number) - (a[0] as number)) * ((p[1] as number) - (a[1] as number)) -
        ((b[1] as number) - (a[1] as number)) * ((p[0] as number) - (a[0] as number)) ===
      0,
  );
}

/** Whether the area of polygon `rings` covers `point` (inside the exterior, outside every hole). */
function polygonCovers(rings: Position[][], point: Position): boolean {
  if (pointInRing(point, rings[0] as Position[]) !== 'inside') return false;
  return rings.slice(1).every((hole) => pointInRing(point, hole) === 'outside');
}

/**
 * Checks polygons (as they will be stored, after any antimeridian split) for OGC validity in the plane of
 * longitude/latitude degrees, the way PostGIS `ST_IsValid` would judge them:
 *
 * - each ring has at least 3 distinct corners and a non-zero area;
 * - no ring intersects itself: non-neighbouring edges never meet, neighbouring edges never fold back on each other;
 * - rings never cross or share a stretch of boundary (touching at a point is allowed, as OGC allows);
 * - every hole lies inside its exterior and outside the other holes;
 * - the polygons of a MultiPolygon do not overlap (one may sit inside another's hole).
 *
 * Edges are compared by a sweep over their longitude extents, so a 10,000-vertex ring costs about n log n.
 *
 * @param polygons arrays of closed rings, exterior first
 * @param describe names ring `ring` of polygon `polygon` for messages, e.g. `ring coordinates[1][0]`
 * @throws InvalidStacError `InvalidGeometry` with the reason, the ring(s) and the coordinates of the problem
 */
export function assertValidPolygons(
  polygons: Position[][][],
  describe: (polygon: number, ring: number) => string,
): void {
  const cleaned = polygons.map((rings) => rings.map(withoutRepeats));
  const edges: Edge[] = [];
  cleaned.forEach((rings, polygon) => {
    rings.forEach((ring, ringIndex) => {
      const name = describe(polygon, ringIndex);
      if (ring.length < 4) {
        throw invalidGeometry(`${name} has fewer than 3 distinct corners, so it encloses nothing`);
      }
      if (allOnOneLine(ring)) {
        throw invalidGeometry(`${name} has zero area: its corners lie on one line`);
      }
      const ringEdges = ring.length - 1;
      for (let index = 0; index < ringEdges; index += 1) {
        const { a, b, minX, maxX, minY, maxY } = sweepEdge(ring[index] as Position, ring[index + 1] as Position);
        // Spelled out rather than spread: one object shape keeps the sweep over 10,000 edges fast.
        edges.push({ a, b, minX, maxX, minY, maxY, polygon, ring: ringIndex, index, ringEdges });
      }
    });
  });

  const describeEdge = (edge: Edge): string =>
    `edge ${edge.index} ${formatPosition(edge.a)}–${formatPosition(edge.b)}`;
  sweepEdgePairs(edges, (one, other) => {
    // Report in ring order (polygon, ring, edge), which is how a reader looks them up.
    const order = one.polygon - other.polygon || one.ring - other.ring || one.index - other.index;
    const [e, f] = order <= 0 ? [one, other] : [other, one];
    const sameRing = e.polygon === f.polygon && e.ring === f.ring;
    const gap = Math.abs(e.index - f.index);
    const neighbours = sameRing && (gap === 1 || gap === e.ringEdges - 1);
    const contact = segmentContact(e.a, e.b, f.a, f.b);
    if (contact.kind === 'none') return false;
    if (neighbours && contact.kind !== 'overlap') return false;
    if (!sameRing && contact.kind === 'touch') return false;
    const where = contact.point === null ? '' : ` at ${formatPosition(contact.point)}`;
    if (sameRing) {
      const verb = contact.kind === 'overlap' ? 'runs back along' : contact.kind === 'cross' ? 'crosses' : 'touches';
      throw invalidGeometry(
        `${describe(e.polygon, e.ring)} intersects itself: ${describeEdge(e)} ${verb} ${describeEdge(f)}${where}`,
      );
    }
    throw invalidGeometry(
      `${describe(e.polygon, e.ring)} and ${describe(f.polygon, f.ring)} ` +
        `${contact.kind === 'overlap' ? 'share a stretch of boundary' : 'cross'}: ` +
        `${describeEdge(e)} of the first ${contact.kind === 'overlap' ? 'overlaps' : 'crosses'} ${describeEdge(f)} ` +
        `of the second${where}`,
    );
  });

  // No two rings cross now, so one point off the other's boundary tells inside from outside.
  const boxes = cleaned.map((rings) => rings.map((ring) => extentOf(ring)));
  cleaned.forEach((rings, polygon) => {
    const exterior = rings[0] as Position[];
    rings.forEach((hole, ringIndex) => {
      if (ringIndex === 0) return;
      const probe = pointOffBoundary(hole, exterior);
      if (probe === null || pointInRing(probe, exterior) !== 'inside') {
        throw invalidGeometry(
          `${describe(polygon, ringIndex)}, a hole, is not inside its exterior ${describe(polygon, 0)}`,
        );
      }
      rings.forEach((other, otherIndex) => {
        if (otherIndex === 0 || otherIndex === ringIndex) return;
        if (!boxesMeet(boxes[polygon]?.[ringIndex] as Extent, boxes[polygon]?.[otherIndex] as Extent)) return;
        const inner = pointOffBoundary(hole, other);
        if (inner === null || pointInRing(inner, other) === 'inside') {
          throw invalidGeometry(
            `${describe(polygon, ringIndex)}, a hole, lies inside another hole, ${describe(polygon, otherIndex)}; ` +
              'holes must not nest',
          );
        }
      });
    });
  });
  cleaned.forEach((rings, polygon) => {
    cleaned.forEach((others, other) => {
      if (other === polygon) return;
      if (!boxesMeet(boxes[polygon]?.[0] as Extent, boxes[other]?.[0] as Extent)) return;
      const probe = pointOffBoundary(rings[0] as Position[], others[0] as Position[]);
      if (probe === null || polygonCovers(others, probe)) {
        throw invalidGeometry(
          `the polygons with exteriors ${describe(Math.min(polygon, other), 0)} and ` +
            `${describe(Math.max(polygon, other), 0)} overlap; the parts of a ` +
            'MultiPolygon must not',
        );
      }
    });
  });
}
