import type { Position } from 'geojson';

function side(lon: number): -1 | 0 | 1 {
  if (lon > 0) return 1;
  if (lon < 0) return -1;
  return 0;
}

/**
 * Gives each vertex lying exactly on ±180 the sign of its neighbours, because +180 and -180 are one meridian and
 * producers write either: io-lulc's 60N-2023 west part has a `180` between two `-179.99` vertices, which read
 * literally is an edge round the whole world.
 *
 * A run of consecutive ±180 vertices is treated as one: it looks at the nearest vertices off the antimeridian before
 * (P) and after (N) it, cyclically for a closed ring. When P and N are on the same side (or only one of them has a
 * side: longitude 0 has none, and a line's end has no neighbour), the whole run takes that sign. When they are on
 * opposite sides the path crosses at the run, and the run takes P's sign, so the crossing is the edge leaving the run
 * and its interpolated point is the run's last vertex exactly. When neither has a side, or every vertex is on ±180
 * (a whole-world rectangle), the signs are kept as written.
 *
 * @param positions a closed ring (first position repeated last) or an open line, in degrees; not mutated
 * @param closed true for a ring
 * @returns a new array; positions that changed are new arrays, others are shared with the input
 */
export function resolveAntimeridianVertices(positions: Position[], closed: boolean): Position[] {
  const count = closed ? positions.length - 1 : positions.length;
  const onLine = (i: number): boolean => Math.abs((positions[i] as Position)[0] as number) === 180;
  let anyOn = false;
  let anyOff = false;
  for (let i = 0; i < count; i += 1) {
    if (onLine(i)) anyOn = true;
    else anyOff = true;
  }
  if (!anyOn || !anyOff) return positions.slice();

  const result = positions.slice(0, count);
  const wrap = (i: number): number => ((i % count) + count) % count;
  // Start scanning just after an off-line vertex, so a run that wraps past the ring's start is seen whole.
  let start = 0;
  if (closed) {
    while (onLine(start)) start += 1;
    start += 1;
  }
  let step = 0;
  while (step < count) {
    const i = closed ? wrap(start + step) : step;
    if (!onLine(i)) {
      step += 1;
      continue;
    }
    const runStart = step;
    while (step < count && onLine(closed ? wrap(start + step) : step)) step += 1;
    const runEnd = step - 1;
    const before = closed ? wrap(start + runStart - 1) : runStart - 1;
    const after = closed ? wrap(start + runEnd + 1) : runEnd + 1;
    const sideBefore = before >= 0 && before < count ? side((positions[before] as Position)[0] as number) : 0;
    const sideAfter = after >= 0 && after < count ? side((positions[after] as Position)[0] as number) : 0;
    const chosen = sideBefore !== 0 ? sideBefore : sideAfter;
    if (chosen === 0) continue;
    for (let k = runStart; k <= runEnd; k += 1) {
      const index = closed ? wrap(start + k) : k;
      const vertex = positions[index] as Position;
      if (side(vertex[0] as number) !== chosen) {
        const moved = vertex.slice();
        moved[0] = chosen * 180;
        result[index] = moved;
      }
    }
  }
  // The closing position repeats the first: the original one when the first did not move, so callers can tell
  // changed positions by identity.
  if (closed) result.push(result[0] === positions[0] ? (positions[count] as Position) : (result[0] as Position));
  return result;
}
