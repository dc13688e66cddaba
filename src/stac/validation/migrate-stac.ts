import stacMigrate from '@radiantearth/stac-migrate';
import { compareStacVersions } from './compare-stac-versions.js';
import { normaliseStacDatetimes } from './normalise-stac-datetimes.js';
import { withLegacyCollectionRepairs } from './with-legacy-collection-repairs.js';

/** The STAC version older documents are brought to (the one @radiantearth/stac-migrate 2.1 writes). */
export const TARGET_STAC_VERSION = '1.1.0';

/** A migrated document and what was changed on the way, as plain sentences. */
export interface Migrated<T> {
  document: T;
  warnings: string[];
}

type Json = Record<string, unknown>;

/**
 * Short extension names that stac-migrate does not turn into schema URLs. `proj` is how some 0.9
 * examples spelt `projection`; `tiled-assets`, `single-file-stac` and `card4l` moved to the
 * stac-extensions organisation after 1.0.0-beta.2, where these are their first releases.
 */
const RENAMED_SHORT_NAMES: Readonly<Record<string, string>> = {
  proj: 'projection',
};
const LEFTOVER_SHORT_NAMES: Readonly<Record<string, string>> = {
  'tiled-assets': 'https://stac-extensions.github.io/tiled-assets/v1.0.0/schema.json',
  'single-file-stac': 'https://stac-extensions.github.io/single-file-stac/v1.0.0/schema.json',
  card4l: 'https://stac-extensions.github.io/card4l/v0.1.0/schema.json',
};

/**
 * stac-migrate remembers each document's extension versions in module state that it never clears,
 * so what it does to one document depends on the ones migrated before it (an `eo` band's
 * `common_name` is renamed or not). It only ever asks for these three. Declaring each at a version
 * no document can reach, ahead of the document's own entries, makes "not declared here" behave
 * like "never declared"; the entries are removed again after the migration.
 */
const VERSIONED_EXTENSIONS = ['eo', 'raster', 'classification'];
const SENTINELS = VERSIONED_EXTENSIONS.map((id) => `https://stac-extensions.github.io/${id}/v999999.0.0/schema.json`);

/** The fields stac-migrate rewrites to UTC and deletes when it cannot read them. */
const TIMESTAMP_FIELDS = ['created', 'updated', 'published', 'expires', 'unpublished'];

/**
 * Migrates an Item or Collection of any STAC version (0.6 .. 1.0.0-rc) to 1.1.0 with
 * @radiantearth/stac-migrate; 1.0.0 and 1.1.0 documents are returned as sent except for datetime
 * normalisation. Never mutates its input.
 *
 * - Date-only and space-separated date-times (`datetime`, `start_datetime`, `end_datetime`,
 *   `created`, `updated`, a Collection's temporal intervals) become RFC 3339 UTC, each with a
 *   warning naming its JSON pointer. Unreadable ones are kept for the schema to reject.
 * - A document without `stac_version` is taken as 0.6.0 (stac-migrate's rule) and migrated.
 * - Newer versions, and version strings that are not semver, are returned as sent: the validator
 *   reports that it has no schema for them.
 * - Short extension names (`"eo"`, `"projection"`) become schema URLs; an unknown short name is
 *   kept, with a warning, so the schema reports it.
 *
 * @example
 * migrateStac({ stac_version: '0.7.0', type: 'Feature', properties: { datetime: '2015-07-10' }, ... }, 'Item')
 * // => { document: { stac_version: '1.1.0', properties: { datetime: '2015-07-10T00:00:00Z' }, ... },
 * //      warnings: ['migrated from STAC 0.7.0 to 1.1.0', '/properties/datetime: "2015-07-10" is not RFC 3339; ...'] }
 */
export function migrateStac(raw: Record<string, unknown>, kind: 'Item' | 'Collection'): Migrated<Record<string, unknown>> {
  // Current items, nearly all of a bulk load, are only touched where datetimes are repaired, so
  // copying that shell is enough; a deep copy took most of the time of preparing an item.
  const document = kind === 'Item' && !needsMigration(raw.stac_version) ? itemShell(raw) : structuredClone(raw);
  const warnings: string[] = [];
  normaliseStacDatetimes(document, kind, warnings);
  const version = document.stac_version;
  if (needsMigration(version)) {
    warnings.unshift(
      typeof version === 'string'
        ? `migrated from STAC ${version} to ${TARGET_STAC_VERSION}`
        : `no stac_version; taken as STAC 0.6.0 and migrated to ${TARGET_STAC_VERSION}`,
    );
    migrateOlder(document, kind, warnings);
  }
  return { document, warnings };
}

/**
 * A copy of an item sharing everything but the objects {@link normaliseStacDatetimes} may write
 * to: the item, its properties, its assets map and each asset.
 */
function itemShell(raw: Json): Json {
  const item: Json = { ...raw };
  if (isObject(raw.properties)) item.properties = { ...raw.properties };
  if (isObject(raw.assets)) {
    item.assets = Object.fromEntries(Object.entries(raw.assets).map(([key, asset]) => [key, isObject(asset) ? { ...asset } : asset]));
  }
  return item;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function needsMigration(version: unknown): boolean {
  if (typeof version !== 'string') return true;
  // 1.0.0 documents are valid as they are; stac-migrate would still rewrite them (eo:bands into bands, proj:epsg into proj:code).
  if (version === '1.0.0') return false;
  const order = compareStacVersions(version, TARGET_STAC_VERSION);
  return order !== null && order < 0;
}

function migrateOlder(document: Json, kind: 'Item' | 'Collection', warnings: string[]): void {
  const fromVersion = typeof document.stac_version === 'string' ? document.stac_version : undefined;
  const timestamps = snapshotTimestamps(document);
  const declared = Array.isArray(document.stac_extensions) ? (document.stac_extensions as unknown[]) : [];
  document.stac_extensions = [
    ...SENTINELS,
    ...declared.map((ext) => (typeof ext === 'string' ? (RENAMED_SHORT_NAMES[ext] ?? ext) : ext)),
  ];
  if (kind === 'Item') stacMigrate.item(document, null, true);
  else withLegacyCollectionRepairs(document, fromVersion, warnings, () => stacMigrate.collection(document, true));
  finishExtensions(document, kind, warnings);
  restoreDroppedTimestamps(document, timestamps, warnings);
  // Pre-0.8 collections keep their temporal extent as a bare pair, which only now sits in `interval`.
  normaliseStacDatetimes(document, kind, warnings);
}

function finishExtensions(document: Json, kind: 'Item' | 'Collection', warnings: string[]): void {
  const extensions = Array.isArray(document.stac_extensions) ? (document.stac_extensions as unknown[]) : [];
  const kept: unknown[] = [];
  for (const ext of extensions) {
    if (typeof ext !== 'string') {
      kept.push(ext);
    } else if (SENTINELS.includes(ext)) {
      continue;
    } else if (ext === 'commons') {
      // Commons (retired in 1.0.0-beta.1) meant "items inherit the collection's properties";
      // stac-migrate merges them into an item only when handed its collection, which it is not here.
      warnings.push(
        kind === 'Item'
          ? 'extension "commons" was retired in STAC 1.0.0-beta.1; removed (the collection\'s shared properties are not merged into the item)'
          : 'extension "commons" was retired in STAC 1.0.0-beta.1; removed',
      );
    } else if (LEFTOVER_SHORT_NAMES[ext] !== undefined) {
      kept.push(LEFTOVER_SHORT_NAMES[ext]);
    } else {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(ext)) warnings.push(`extension "${ext}" is a short name with no known schema URL; kept as sent`);
      kept.push(ext);
    }
  }
  document.stac_extensions = [...new Set(kept)];
}

interface TimestampValue {
  path: string[];
  field: string;
  value: unknown;
}

/** Where stac-migrate runs its common-metadata rules: the root, properties, assets, item_assets. */
function snapshotTimestamps(document: Json): TimestampValue[] {
  const found: TimestampValue[] = [];
  const visit = (obj: unknown, path: string[]): void => {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return;
    for (const field of TIMESTAMP_FIELDS) {
      const value = (obj as Json)[field];
      if (value !== undefined) found.push({ path, field, value: structuredClone(value) });
    }
  };
  visit(document, []);
  visit(document.properties, ['properties']);
  for (const group of ['assets', 'item_assets']) {
    const assets = document[group];
    if (assets !== null && typeof assets === 'object' && !Array.isArray(assets)) {
      for (const key of Object.keys(assets)) visit((assets as Json)[key], [group, key]);
    }
  }
  return found;
}

/**
 * stac-migrate deletes a `created`, `updated` or timestamps-extension value it cannot read as a
 * date; eopool never drops sent data silently, so the value goes back for the schema to judge.
 */
function restoreDroppedTimestamps(document: Json, before: TimestampValue[], warnings: string[]): void {
  for (const { path, field, value } of before) {
    let obj: unknown = document;
    for (const key of path) obj = obj !== null && typeof obj === 'object' ? (obj as Json)[key] : undefined;
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj) || field in obj) continue;
    (obj as Json)[field] = value;
    const pointer = [...path, field].map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
    warnings.push(`${pointer}: ${JSON.stringify(value)} is not a readable date-time; kept as sent`);
  }
}
