import type { Position } from 'geojson';
import { isAntimeridianCrossing } from './crossing-point.js';
import { segmentContact, type SegmentContact } from './segment-contact.js';
import { sweepEdge, sweepEdgePairs, type SweepEdge } from './sweep-edge-pairs.js';

/** Where a ring meets itself: two edges, each named by the indexes of its two vertices in the ring as given. */
export interface RingSelfIntersection {
  firstEdge: [number, number];
  secondEdge: [number, number];
  kind: Exclude<SegmentContact['kind'], 'none'>;
  /** Longitude within [-180, 180], latitude; degrees. */
  point: Position;
}

interface CylinderEdge extends SweepEdge {
  /** Edge number in the unwrapped ring. */
  index: number;
  /** Multiple of 360° this copy is shifted by. */
  shift: number;
}

function onAntimeridian(lon: number): boolean {
  return Math.abs((((lon % 360) + 540) % 360) - 180) === 180;
}

function wrapLongitude(lon: number): number {
  if (lon >= -180 && lon <= 180) return lon;
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/**
 * Looks for a self-intersection of a ring that crosses the antimeridian, on the cylinder the Earth's longitudes make
 * rather than on the flat -180..180 map, where such a ring always looks self-intersecting. The ring is unwrapped
 * across ±180 (so an edge from 179 to -179 becomes 179 to 181) and its edges are compared with each other and with
 * copies shifted by ±360°, which also catches a ring round a pole meeting itself after a full turn.
 *
 * Overlaps along the antimeridian and touches on it are ignored: producers sometimes draw a polygon already split
 * and stitched back together along ±180 (io-lulc's UTM zone 60 tiles run down +180 and back up -180), and that seam
 * disappears when the ring is split there; the pieces are checked again after the split.
 *
 * @param ring a closed ring with longitudes in [-180, 180] whose ±180 vertices have been resolved
 * @returns the first intersection found, or null
 */
export function findRingSelfIntersection(ring: Position[]): RingSelfIntersection | null {
  const points: Position[] = [];
  const sourceIndex: number[] = [];
  // Unwrapped longitude = longitude + 360 × turns so far: exact, so vertices on ±180 stay exactly on the seam.
  let turns = 0;
  ring.forEach((p, i) => {
    const last = ring[i - 1];
    if (last !== undefined) {
      if (last[0] === p[0] && last[1] === p[1]) return;
      if (isAntimeridianCrossing(last, p)) turns += (last[0] as number) > 0 ? 1 : -1;
    }
    points.push([(p[0] as number) + 360 * turns, p[1] as number]);
    sourceIndex.push(i);
  });
  const edgeCount = points.length - 1;
  const turn = (points[edgeCount]?.[0] as number) - (points[0]?.[0] as number);
  let lowest = Infinity;
  let highest = -Infinity;
  for (const p of points) {
    lowest = Math.min(lowest, p[0] as number);
    highest = Math.max(highest, p[0] as number);
  }
  const edges: CylinderEdge[] = [];
  for (let index = 0; index < edgeCount; index += 1) {
    const start = points[index] as Position;
    const end = points[index + 1] as Position;
    const west = Math.min(start[0] as number, end[0] as number);
    const east = Math.max(start[0] as number, end[0] as number);
    for (const shift of [-360, 0, 360]) {
      // A copy 360° away matters only where it overlaps the ring's own longitudes (rings that wrap round).
      if (shift !== 0 && (east + shift < lowest || west + shift > highest)) continue;
      const { a, b, minX, maxX, minY, maxY } = sweepEdge(
        [(start[0] as number) + shift, start[1] as number],
        [(end[0] as number) + shift, end[1] as number],
      );
      edges.push({ a, b, minX, maxX, minY, maxY, index, shift });
    }
  }

  let found: RingSelfIntersection | null = null;
  sweepEdgePairs(edges, (e, f) => {
    // Only pairs involving an unshifted edge are distinct; the rest repeat them 360° away.
    if (e.shift !== 0 && f.shift !== 0) return false;
    if (e.index === f.index) return false;
    const relative = f.shift - e.shift;
    const [low, high] = e.index < f.index ? [e, f] : [f, e];
    const lowToHigh = high === f ? relative : -relative;
    const neighbours =
      (high.index === low.index + 1 && lowToHigh === 0) ||
      (low.index === 0 && high.index === edgeCount - 1 && -lowToHigh === turn);
    const contact = segmentContact(e.a, e.b, f.a, f.b);
    if (contact.kind === 'none' || contact.point === null) return false;
    if (neighbours && contact.kind !== 'overlap') return false;
    // A seam along ±180 (overlap there) and points where the ring merely touches ±180 vanish in the split; a
    // proper crossing is a real intersection wherever it lies.
    if (contact.kind === 'overlap' && [e.a, e.b, f.a, f.b].every((p) => onAntimeridian(p[0] as number))) return false;
    if (contact.kind === 'touch' && onAntimeridian(contact.point[0] as number)) return false;
    found = {
      firstEdge: [sourceIndex[low.index] as number, sourceIndex[low.index + 1] as number],
      secondEdge: [sourceIndex[high.index] as number, sourceIndex[high.index + 1] as number],
      kind: contact.kind,
      point: [wrapLongitude(contact.point[0] as number), contact.point[1] as number],
    };
    return true;
  });
  return found;
}
