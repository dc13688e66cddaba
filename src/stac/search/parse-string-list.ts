import { InvalidRequestError } from '../../errors.js';

/**
 * A list parameter such as `ids` or `collections`: comma-separated in a GET query, a JSON array of
 * strings in a POST body. Empty names are dropped; an empty list throws, since it would silently
 * match nothing. Throws InvalidParameter naming `parameter`.
 */
export function parseStringList(raw: unknown, parameter: string): string[] {
  const items = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : raw;
  if (!Array.isArray(items) || !items.every((s): s is string => typeof s === 'string')) {
    throw new InvalidRequestError('InvalidParameter', `${parameter} must be a list of strings, got ${JSON.stringify(raw)}`);
  }
  const names = [...new Set(items.filter((s) => s !== ''))];
  if (names.length === 0) throw new InvalidRequestError('InvalidParameter', `${parameter} is empty`);
  return names;
}
