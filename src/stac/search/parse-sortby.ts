import { InvalidRequestError } from '../../errors.js';

/** One key of a sort: a queryable name (without `properties.`) and its direction. */
export interface SortKey {
  field: string;
  direction: 'asc' | 'desc';
}

/**
 * The sort extension's `sortby`: in GET `-properties.datetime,+id` (no sign is ascending; a `+`
 * that a form encoding turned into a space counts as `+`), in POST `[{"field", "direction"}]`.
 * Names lose a leading `properties.`; whether they are queryables is checked by the catalog.
 * Throws InvalidSortby.
 */
export function parseSortby(raw: unknown): SortKey[] {
  const keys = typeof raw === 'string' ? raw.split(',').map(fromText) : Array.isArray(raw) ? raw.map(fromObject) : null;
  if (keys === null || keys.length === 0) {
    throw new InvalidRequestError('InvalidSortby', `sortby must be a non-empty list of sort keys, got ${JSON.stringify(raw)}`);
  }
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.field)) throw new InvalidRequestError('InvalidSortby', `sortby names "${key.field}" twice`);
    seen.add(key.field);
  }
  return keys;
}

function fromText(part: string): SortKey {
  const text = part.trim();
  const name = /^[+-]/.test(text) ? text.slice(1).trim() : text;
  return { field: fieldName(name, part), direction: text.startsWith('-') ? 'desc' : 'asc' };
}

function fromObject(entry: unknown): SortKey {
  const { field, direction, ...rest } = (entry ?? {}) as Record<string, unknown>;
  if (typeof entry !== 'object' || entry === null || typeof field !== 'string' || Object.keys(rest).length > 0) {
    throw new InvalidRequestError('InvalidSortby', `a sortby entry is {"field": name, "direction": "asc" | "desc"}, got ${JSON.stringify(entry)}`);
  }
  const lower = typeof direction === 'string' ? direction.toLowerCase() : direction;
  if (lower !== undefined && lower !== 'asc' && lower !== 'desc') {
    throw new InvalidRequestError('InvalidSortby', `sortby direction must be "asc" or "desc", got ${JSON.stringify(direction)}`);
  }
  return { field: fieldName(field.trim(), field), direction: lower ?? 'asc' };
}

function fieldName(name: string, asSent: string): string {
  const bare = name.startsWith('properties.') ? name.slice('properties.'.length) : name;
  if (bare === '') throw new InvalidRequestError('InvalidSortby', `sortby has an empty field name in ${JSON.stringify(asSent)}`);
  return bare;
}
