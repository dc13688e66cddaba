import { InvalidRequestError } from '../../errors.js';

/** A bbox as [minx, miny, maxx, maxy] in degrees; minx > maxx crosses the antimeridian. */
export type Bbox2d = [number, number, number, number];

/**
 * Parse a bbox from a GET string (`"1,2,3,4"`) or a POST array, with 4 or 6 numbers (the z values of
 * a 6-number bbox are dropped: footprints are 2-D). Throws InvalidBbox naming what is wrong.
 */
export function parseBbox(raw: unknown): Bbox2d {
  const parts = typeof raw === 'string' ? raw.split(',').map((p) => (p.trim() === '' ? NaN : Number(p))) : raw;
  if (!Array.isArray(parts) || (parts.length !== 4 && parts.length !== 6)) {
    const count = Array.isArray(parts) ? parts.length : 0;
    throw new InvalidRequestError('InvalidBbox', `bbox must have 4 or 6 numbers, got ${count}`);
  }
  if (!parts.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new InvalidRequestError('InvalidBbox', `bbox must hold only numbers, got ${JSON.stringify(raw)}`);
  }
  const numbers = parts as number[];
  const [minx, miny, maxx, maxy] = (numbers.length === 6
    ? [numbers[0], numbers[1], numbers[3], numbers[4]]
    : numbers) as Bbox2d;
  for (const x of [minx, maxx]) {
    if (x < -180 || x > 180) throw new InvalidRequestError('InvalidBbox', `bbox longitude ${x} is outside [-180, 180]`);
  }
  for (const y of [miny, maxy]) {
    if (y < -90 || y > 90) throw new InvalidRequestError('InvalidBbox', `bbox latitude ${y} is outside [-90, 90]`);
  }
  if (miny > maxy) throw new InvalidRequestError('InvalidBbox', `bbox south edge ${miny} is north of its north edge ${maxy}`);
  return [minx, miny, maxx, maxy];
}
