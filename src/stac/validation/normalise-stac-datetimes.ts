import { normaliseDatetime } from './normalise-datetime.js';

/** The common-metadata date-times whose near-RFC 3339 spellings are repaired. */
const DATETIME_FIELDS = ['datetime', 'start_datetime', 'end_datetime', 'created', 'updated'] as const;
/** Assets may carry `created` and `updated` too (STAC common metadata). */
const ASSET_FIELDS = ['created', 'updated'] as const;

type Json = Record<string, unknown>;

/**
 * Rewrites, in place, the date-only, space-separated or offset-less date-times of a STAC Item
 * (properties and assets) or Collection (root, `extent.temporal.interval`, assets and item_assets)
 * as RFC 3339 UTC (see {@link normaliseDatetime}), pushing one warning per value that names it by
 * JSON pointer. Values that are already RFC 3339 (any offset), not strings, or unreadable are left
 * as they are.
 *
 * Only call it on a copy: it mutates `doc`.
 */
export function normaliseStacDatetimes(doc: Json, kind: 'Item' | 'Collection', warnings: string[]): void {
  if (kind === 'Item') {
    fix(asObject(doc.properties), DATETIME_FIELDS, '/properties', warnings);
  } else {
    fix(doc, DATETIME_FIELDS, '', warnings);
    fixIntervals(doc, warnings);
    fixAssets(asObject(doc.item_assets), '/item_assets', warnings);
  }
  fixAssets(asObject(doc.assets), '/assets', warnings);
}

function fix(obj: Json | null, fields: readonly string[], pointer: string, warnings: string[]): void {
  if (obj === null) return;
  for (const field of fields) {
    const value = obj[field];
    if (typeof value !== 'string') continue;
    const repaired = normaliseDatetime(value);
    if (repaired === null) continue;
    obj[field] = repaired.value;
    warnings.push(message(`${pointer}/${escapePointer(field)}`, value, repaired.value, repaired.assumedUtc));
  }
}

function fixIntervals(collection: Json, warnings: string[]): void {
  const interval = asObject(asObject(collection.extent)?.temporal)?.interval;
  if (!Array.isArray(interval)) return;
  interval.forEach((pair: unknown, i) => {
    if (!Array.isArray(pair)) return;
    pair.forEach((value: unknown, j) => {
      if (typeof value !== 'string') return;
      const repaired = normaliseDatetime(value);
      if (repaired === null) return;
      pair[j] = repaired.value;
      warnings.push(message(`/extent/temporal/interval/${i}/${j}`, value, repaired.value, repaired.assumedUtc));
    });
  });
}

function fixAssets(assets: Json | null, pointer: string, warnings: string[]): void {
  if (assets === null) return;
  for (const [key, asset] of Object.entries(assets)) {
    fix(asObject(asset), ASSET_FIELDS, `${pointer}/${escapePointer(key)}`, warnings);
  }
}

function message(pointer: string, before: string, after: string, assumedUtc: boolean): string {
  const why = assumedUtc ? ' (no UTC offset given; taken as UTC)' : '';
  return `${pointer}: "${before}" is not RFC 3339; normalised to "${after}"${why}`;
}

function asObject(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

/** RFC 6901: `~` and `/` in a member name are escaped in a JSON pointer. */
function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
