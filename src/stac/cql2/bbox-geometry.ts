import type { Cql2Geometry } from './cql2-ast.js';
import type { Cql2Fail } from './cql2-error.js';

/**
 * The geometry node for `BBOX(west, south, east, north)` or its 6-number form
 * `(west, south, min height, east, north, max height)`, in CRS84 degrees.
 *
 * The geometry is the 2D footprint, a counter-clockwise Polygon; when west > east the box crosses
 * the antimeridian (as for the STAC `bbox` parameter) and becomes a MultiPolygon of its two halves.
 * Heights stay only in the node's `bbox`. Refused: other counts, longitudes outside [-180, 180],
 * latitudes outside [-90, 90], south above north, minimum height above maximum.
 */
export function bboxGeometry(numbers: readonly number[], fail: Cql2Fail): Cql2Geometry {
  if (numbers.length !== 4 && numbers.length !== 6) return fail(`a bbox has 4 or 6 numbers, got ${numbers.length}`);
  const clean = numbers.map((n) => (n === 0 ? 0 : n));
  const three = clean.length === 6;
  const [west, south, east, north] = (three ? [clean[0], clean[1], clean[3], clean[4]] : clean) as [
    number, number, number, number,
  ];
  if (![west, east].every((x) => x >= -180 && x <= 180)) return fail('bbox longitudes must lie in [-180, 180]');
  if (![south, north].every((y) => y >= -90 && y <= 90)) return fail('bbox latitudes must lie in [-90, 90]');
  if (south > north) return fail(`bbox south (${south}) is above north (${north})`);
  if (three && (clean[2] as number) > (clean[5] as number)) return fail('bbox minimum height is above its maximum');

  const box = (w: number, e: number): number[][][] => [[[w, south], [e, south], [e, north], [w, north], [w, south]]];
  return {
    kind: 'geometry',
    geometry:
      west <= east
        ? { type: 'Polygon', coordinates: box(west, east) }
        : { type: 'MultiPolygon', coordinates: [box(west, 180), box(-180, east)] },
    bbox: clean,
  };
}
