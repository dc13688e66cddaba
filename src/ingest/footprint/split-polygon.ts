import type { Position } from 'geojson';
import { crossingPoint, isAntimeridianCrossing } from './crossing-point.js';
import { findRingSelfIntersection } from './find-ring-self-intersection.js';
import { formatGeometryPath, formatPosition, invalidGeometry, type GeometryPath } from './invalid-geometry.js';
import { pointInRing } from './point-in-ring.js';
import { resolveAntimeridianVertices } from './resolve-antimeridian-vertices.js';
import { signedRingArea } from './signed-ring-area.js';

/** A pole a ring was closed over. */
export type Pole = 'north' | 'south';

/** What `splitPolygon` did, for the footprint's warnings. */
export interface SplitPolygonNotes {
  /** Rings whose winding was reversed, formatted paths. */
  rewound: string[];
  /** Rings or lines where a vertex on ±180 took the other sign, formatted paths. */
  resigned: string[];
  /** One sentence per polygon that crossed the antimeridian or was closed over a pole. */
  messages: string[];
}

/** The result of `splitPolygon`: polygons (arrays of closed rings, exterior first) and whether a split happened. */
export interface SplitPolygonResult {
  polygons: Position[][][];
  split: boolean;
}

interface RingAnalysis {
  crossings: number;
  /** Net turns round the Earth's axis: 0, or ±1 for a ring round a pole (+1 when it runs eastward). */
  windings: number;
  /** Signed shoelace area of the unwrapped ring (meaningful when windings is 0). */
  unwrappedArea: number;
  minLat: number;
  maxLat: number;
}

function analyseRing(ring: Position[]): RingAnalysis {
  let crossings = 0;
  // Unwrapped longitude = longitude + 360 × turns: an eastward crossing adds a turn, a westward one takes one off.
  let turns = 0;
  let twiceArea = 0;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    const x = (a[0] as number) + 360 * turns;
    if (isAntimeridianCrossing(a, b)) {
      crossings += 1;
      turns += (a[0] as number) > 0 ? 1 : -1;
    }
    const nextX = (b[0] as number) + 360 * turns;
    twiceArea += x * (b[1] as number) - nextX * (a[1] as number);
    minLat = Math.min(minLat, a[1] as number);
    maxLat = Math.max(maxLat, a[1] as number);
  }
  return { crossings, windings: turns, unwrappedArea: twiceArea / 2, minLat, maxLat };
}

/**
 * The pole nearer to the ring: the one its closest vertex is closer to. A ring crossing the antimeridian an odd
 * number of times goes round the Earth's axis, so it separates the poles and either side could be "inside"; the
 * rules take the smaller cap, because a swath that wraps a pole hugs that pole, while producers' winding is often
 * wrong. A tie (a ring symmetric about the equator) falls back on the winding: eastward, counter-clockwise seen from
 * above the north pole, encloses the north pole.
 */
function nearerPole(analysis: RingAnalysis): Pole {
  const toNorth = 90 - analysis.maxLat;
  const toSouth = 90 + analysis.minLat;
  if (toNorth !== toSouth) return toNorth < toSouth ? 'north' : 'south';
  return analysis.windings > 0 ? 'north' : 'south';
}

function reversed(ring: Position[]): Position[] {
  return ring.slice().reverse();
}

function samePlace(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

function withLonLat(template: Position, lon: number, lat: number): Position {
  return [lon, lat, ...template.slice(2)];
}

/** Drops consecutive repeats (lon/lat), also across the end of an open list treated as a ring when `cyclic`. */
function withoutRepeats(points: Position[], cyclic: boolean): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last === undefined || !samePlace(last, p)) out.push(p);
  }
  while (cyclic && out.length > 1 && samePlace(out[0] as Position, out[out.length - 1] as Position)) out.pop();
  return out;
}

/**
 * Replaces each run of consecutive vertices on the same side of the antimeridian (longitude exactly +180, or -180)
 * by its first and last vertex. Such a run lies on one straight line, so this changes no area; it removes the seam a
 * producer left when it stitched a split polygon back into one ring (io-lulc's 60W-2023 runs down +180 and back up),
 * which would otherwise make the piece fold back on itself.
 *
 * @param ring open list of positions, read cyclically
 */
function collapseMeridianRuns(ring: Position[]): Position[] {
  const onSeam = (p: Position | undefined): number =>
    p !== undefined && Math.abs(p[0] as number) === 180 ? (p[0] as number) : 0;
  const count = ring.length;
  // Walk from just after a vertex off the seam, so that no run is cut in two by the array's start.
  let start = ring.findIndex((p, i) => onSeam(p) === 0 && onSeam(ring[(i + 1) % count]) !== 0);
  if (start === -1) start = 0;
  const kept: number[] = [];
  for (let step = 0; step < count; step += 1) {
    const i = (start + 1 + step) % count;
    const side = onSeam(ring[i]);
    const before = step === 0 ? 0 : onSeam(ring[(i + count - 1) % count]);
    const after = step === count - 1 ? 0 : onSeam(ring[(i + 1) % count]);
    if (side === 0 || before !== side || after !== side) kept.push(i);
  }
  // Keep the ring starting where it did when that vertex survives, so output follows the input's order.
  const first = kept.indexOf(Math.min(...kept));
  return [...kept.slice(first), ...kept.slice(0, first)].map((i) => ring[i] as Position);
}

/**
 * Cuts a closed ring at each antimeridian crossing into open segments that start and end on ±180 (the interpolated
 * crossing points). The stretch before the first crossing is joined to the stretch after the last, so every segment
 * runs from one crossing to the next.
 */
function cutRing(ring: Position[]): Position[][] {
  const segments: Position[][] = [];
  let current: Position[] = [];
  for (let i = 0; i + 1 < ring.length; i += 1) {
    const a = ring[i] as Position;
    const b = ring[i + 1] as Position;
    current.push(a);
    if (isAntimeridianCrossing(a, b)) {
      const here = crossingPoint(a, b);
      current.push(here);
      segments.push(withoutRepeats(current, false));
      const there = here.slice();
      there[0] = -(here[0] as number);
      current = [there];
    }
  }
  const first = segments[0];
  if (first === undefined) return [];
  // The ring's last position repeats its first, which opens segments[0]; `current` stops just before it.
  segments[0] = withoutRepeats([...current, ...first], false);
  return segments;
}

interface Segment {
  points: Position[];
  startSide: 1 | -1;
  startLat: number;
  endSide: 1 | -1;
  endLat: number;
}

function toSegment(points: Position[]): Segment {
  const start = points[0] as Position;
  const end = points[points.length - 1] as Position;
  return {
    points,
    startSide: (start[0] as number) > 0 ? 1 : -1,
    startLat: start[1] as number,
    endSide: (end[0] as number) > 0 ? 1 : -1,
    endLat: end[1] as number,
  };
}

/**
 * The segment to continue with after arriving on the antimeridian. With every ring wound so that the polygon lies
 * on its left (exterior counter-clockwise, holes clockwise), a segment that reaches +180 travels east with the
 * polygon to its north, so the boundary follows +180 northwards to the nearest segment leaving from there; on -180
 * it follows the meridian southwards. Returns -1 when no segment leaves beyond that point.
 */
function nextSegment(segments: Segment[], side: 1 | -1, lat: number): number {
  let best = -1;
  let bestDistance = Infinity;
  segments.forEach((segment, index) => {
    if (segment.startSide !== side) return;
    const distance = side === 1 ? segment.startLat - lat : lat - segment.startLat;
    if (distance >= 0 && distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

/**
 * Joins the cut segments into the rings of the split pieces, walking along ±180 between them and, for a polygon
 * round a pole, over that pole (adding the corners (±180, ±90)).
 */
function joinSegments(segments: Segment[], pole: Pole | null, path: GeometryPath): Position[][] {
  const used = segments.map(() => false);
  const rings: Position[][] = [];
  const inconsistent = (): Error =>
    invalidGeometry(
      `polygon ${formatGeometryPath(path)} cannot be split at the antimeridian: its crossings do not pair up ` +
        '(a ring self-intersects, or a hole lies outside its exterior)',
      path,
    );
  segments.forEach((_, first) => {
    if (used[first]) return;
    const points: Position[] = [];
    let current = first;
    for (;;) {
      used[current] = true;
      const segment = segments[current] as Segment;
      points.push(...segment.points);
      let side = segment.endSide;
      let lat = segment.endLat;
      let next = nextSegment(segments, side, lat);
      // At most one pole can be passed: after it the walk is on the other side coming from the pole itself.
      if (next === -1) {
        const template = segment.points[segment.points.length - 1] as Position;
        if (side === 1 && pole === 'north') {
          points.push(withLonLat(template, 180, 90), withLonLat(template, -180, 90));
          side = -1;
          lat = 90;
        } else if (side === -1 && pole === 'south') {
          points.push(withLonLat(template, -180, -90), withLonLat(template, 180, -90));
          side = 1;
          lat = -90;
        } else {
          throw inconsistent();
        }
        next = nextSegment(segments, side, lat);
      }
      if (next === first) break;
      if (next === -1 || used[next]) throw inconsistent();
      current = next;
    }
    const ring = withoutRepeats(collapseMeridianRuns(withoutRepeats(points, true)), true);
    ring.push(ring[0] as Position);
    rings.push(ring);
  });
  return rings;
}

/**
 * Normalises one polygon's rings (exterior first, then holes) for the antimeridian and RFC 7946 winding:
 *
 * - vertices exactly on ±180 take their neighbours' sign (`resolveAntimeridianVertices`);
 * - an edge whose longitude jumps by more than 180° crosses the antimeridian (`isAntimeridianCrossing`);
 * - a polygon none of whose rings cross is only rewound: exterior counter-clockwise, holes clockwise (planar
 *   shoelace sign), so rings spanning -180..180 without a crossing edge keep their shape;
 * - a ring crossing an even number of times is wound by the sign of its area once unwrapped across ±180, cut at each
 *   crossing (latitude interpolated linearly, `crossingPoint`) and the pieces are closed along ±180, each piece on
 *   its own side, touching exactly +180 or -180;
 * - an exterior crossing an odd number of times goes round a pole and is closed over the nearer pole (its winding is
 *   set so that pole is inside), then cut the same way; a hole may go round the same pole, inside such an exterior;
 * - holes that do not cross are put back into the piece that contains them.
 *
 * Pieces on the east side (touching +180) come first. Validity of the result (self-intersections) is checked by the
 * caller, after this split.
 *
 * @param rings closed rings with at least 4 positions, longitudes within [-180, 180] (as `parseGeometry` returns)
 * @param path where the polygon sits in the input, for messages
 * @throws InvalidStacError `InvalidGeometry` when a ring winds round the pole more than once, a hole crosses while
 *   its exterior does not, a hole goes round a pole the exterior does not enclose, or the crossings cannot be paired
 */
export function splitPolygon(rings: Position[][], path: GeometryPath, notes: SplitPolygonNotes): SplitPolygonResult {
  const resolved = rings.map((ring, index) => {
    const result = resolveAntimeridianVertices(ring, true);
    if (result.some((p, k) => p !== ring[k])) notes.resigned.push(formatGeometryPath([...path, index]));
    return result;
  });
  const analyses = resolved.map(analyseRing);
  analyses.forEach((analysis, index) => {
    if (Math.abs(analysis.windings) > 1) {
      throw invalidGeometry(
        `ring ${formatGeometryPath([...path, index])} winds ${Math.abs(analysis.windings)} times round the Earth's ` +
          'axis (its antimeridian crossings do not alternate), so it intersects itself',
        [...path, index],
      );
    }
  });
  const exterior = analyses[0] as RingAnalysis;

  if (!analyses.some((analysis) => analysis.crossings > 0)) {
    const polygon = resolved.map((ring, index) => {
      const wanted = index === 0 ? 1 : -1;
      if (Math.sign(signedRingArea(ring)) === -wanted) {
        notes.rewound.push(formatGeometryPath([...path, index]));
        return reversed(ring);
      }
      return ring;
    });
    return { polygons: [polygon], split: false };
  }

  if (exterior.crossings === 0) {
    const hole = analyses.findIndex((analysis) => analysis.crossings > 0);
    throw invalidGeometry(
      `hole ${formatGeometryPath([...path, hole])} crosses the antimeridian but its exterior ring does not, so the ` +
        'hole cannot lie inside it',
      [...path, hole],
    );
  }

  const pole = exterior.windings === 0 ? null : nearerPole(exterior);
  const segments: Segment[] = [];
  const keptHoles: Position[][] = [];
  let polarHole = -1;
  resolved.forEach((ring, index) => {
    const analysis = analyses[index] as RingAnalysis;
    const ringPath = [...path, index];
    const isExterior = index === 0;
    let oriented = ring;
    if (analysis.crossings === 0) {
      if (signedRingArea(ring) > 0) {
        notes.rewound.push(formatGeometryPath(ringPath));
        oriented = reversed(ring);
      }
      keptHoles.push(oriented);
      return;
    }
    const hit = findRingSelfIntersection(ring);
    if (hit !== null) {
      const edge = ([from, to]: [number, number]): string =>
        `edge ${from} ${formatPosition(ring[from] as Position)}–${formatPosition(ring[to] as Position)}`;
      const verb = hit.kind === 'cross' ? 'crosses' : hit.kind === 'touch' ? 'touches' : 'runs along';
      throw invalidGeometry(
        `ring ${formatGeometryPath(ringPath)} intersects itself (read across the antimeridian): ` +
          `${edge(hit.firstEdge)} ${verb} ${edge(hit.secondEdge)} at ${formatPosition(hit.point)}`,
        ringPath,
      );
    }
    if (analysis.windings === 0) {
      const wanted = isExterior ? 1 : -1;
      if (Math.sign(analysis.unwrappedArea) === -wanted) {
        notes.rewound.push(formatGeometryPath(ringPath));
        oriented = reversed(ring);
      }
    } else {
      const ringPole = nearerPole(analysis);
      if (!isExterior) {
        if (ringPole !== pole) {
          throw invalidGeometry(
            `hole ${formatGeometryPath(ringPath)} goes round the ${ringPole} pole but its exterior ring does not ` +
              'enclose that pole',
            ringPath,
          );
        }
        if (polarHole !== -1) {
          throw invalidGeometry(
            `holes ${formatGeometryPath([...path, polarHole])} and ${formatGeometryPath(ringPath)} both go round ` +
              `the ${ringPole} pole, so one lies inside the other`,
            ringPath,
          );
        }
        polarHole = index;
      }
      // Polygon on the left: eastward (+360°) keeps the north pole inside an exterior, westward the south pole;
      // a hole round the pole runs the other way.
      const wantedWindings = (ringPole === 'north' ? 1 : -1) * (isExterior ? 1 : -1);
      if (analysis.windings !== wantedWindings) {
        notes.rewound.push(formatGeometryPath(ringPath));
        oriented = reversed(ring);
      }
    }
    for (const points of cutRing(oriented)) segments.push(toSegment(points));
  });

  const pieces: Position[][][] = [];
  for (const ring of joinSegments(segments, pole, path)) {
    const area = signedRingArea(ring);
    if (area < 0) {
      throw invalidGeometry(
        `polygon ${formatGeometryPath(path)} cannot be split at the antimeridian: a piece comes out wound the wrong ` +
          'way, so its boundary crosses itself at ±180',
        path,
      );
    }
    if (area === 0 || ring.length < 4) {
      notes.messages.push(
        `a zero-area sliver of polygon ${formatGeometryPath(path)} along the antimeridian was dropped`,
      );
      continue;
    }
    pieces.push([ring]);
  }
  if (pieces.length === 0) {
    throw invalidGeometry(`polygon ${formatGeometryPath(path)} has no area once split at the antimeridian`, path);
  }

  keptHoles.forEach((hole) => {
    const owner = pieces.find((piece) => holeInside(hole, piece[0] as Position[]));
    if (owner === undefined) {
      throw invalidGeometry(
        `a hole of polygon ${formatGeometryPath(path)} lies outside its exterior ring once split at the antimeridian`,
        path,
      );
    }
    owner.push(hole);
  });

  const eastFirst = pieces
    .map((piece, order) => ({ piece, order, west: (piece[0] as Position[]).every((p) => (p[0] as number) <= 0) }))
    .sort((a, b) => Number(a.west) - Number(b.west) || a.order - b.order)
    .map((entry) => entry.piece);

  const crossings = analyses.reduce((sum, analysis) => sum + analysis.crossings, 0);
  const closing = pole === null ? '' : `, closed over the ${pole} pole (the nearer one) since the exterior goes round it`;
  notes.messages.push(
    `polygon ${formatGeometryPath(path)} crosses the antimeridian ${crossings} time${crossings === 1 ? '' : 's'}` +
      `${closing}; split at 180° into ${eastFirst.length} part${eastFirst.length === 1 ? '' : 's'}`,
  );
  return { polygons: eastFirst, split: true };
}

function holeInside(hole: Position[], exterior: Position[]): boolean {
  for (const point of hole) {
    const where = pointInRing(point, exterior);
    if (where !== 'boundary') return where === 'inside';
  }
  return false;
}
