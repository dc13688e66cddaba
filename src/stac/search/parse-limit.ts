import { InvalidRequestError } from '../../errors.js';

/**
 * The page size of a search: the `limit` parameter (a GET string or a POST number) or the default
 * 10. A limit above `max` acts as `max`, as STAC API requires; below 1 or not an integer throws
 * InvalidLimit.
 */
export function parseLimit(raw: unknown, max: number): number {
  if (raw === undefined || raw === null) return Math.min(10, max);
  const value = typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidRequestError('InvalidLimit', `limit must be an integer of at least 1, got ${JSON.stringify(raw)}`);
  }
  return Math.min(value, max);
}
