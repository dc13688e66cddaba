import type { Position } from 'geojson';
import { crossingPoint, isAntimeridianCrossing } from './crossing-point.js';
import { resolveAntimeridianVertices } from './resolve-antimeridian-vertices.js';

/**
 * Splits a line wherever an edge crosses the antimeridian (its longitude jumps by more than 180°), ending one piece
 * on ±180 and starting the next on the opposite sign at the same, linearly interpolated latitude
 * (`crossingPoint`). Vertices exactly on ±180 first take their neighbours' sign (`resolveAntimeridianVertices`).
 * Pieces that would shrink to a single point are dropped.
 *
 * @param line two or more positions, longitudes within [-180, 180], in degrees
 * @returns the pieces (one when the line does not cross, else one more than crossings) and whether a vertex on
 *   ±180 changed sign
 */
export function splitLineString(line: Position[]): { pieces: Position[][]; resigned: boolean } {
  const resolved = resolveAntimeridianVertices(line, false);
  const resigned = resolved.some((p, i) => p !== line[i]);
  const pieces: Position[][] = [];
  let current: Position[] = [resolved[0] as Position];
  for (let i = 0; i + 1 < resolved.length; i += 1) {
    const a = resolved[i] as Position;
    const b = resolved[i + 1] as Position;
    if (isAntimeridianCrossing(a, b)) {
      const here = crossingPoint(a, b);
      current.push(here);
      pieces.push(current);
      const there = here.slice();
      there[0] = -(here[0] as number);
      current = [there];
    }
    current.push(b);
  }
  pieces.push(current);
  return {
    pieces: pieces
      .map((piece) => piece.filter((p, i) => i === 0 || p[0] !== piece[i - 1]?.[0] || p[1] !== piece[i - 1]?.[1]))
      .filter((piece) => piece.length >= 2),
    resigned,
  };
}
