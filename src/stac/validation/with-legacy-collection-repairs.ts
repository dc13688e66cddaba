import { compareStacVersions } from './compare-stac-versions.js';

type Json = Record<string, unknown>;

/**
 * Runs `migrate` (stac-migrate's Collection migration, in place) on a pre-1.0 Collection with
 * three repairs around it, each reported in `warnings`, for places where stac-migrate 2.1 loses or
 * misplaces real data:
 *
 * 1. A bare `extent.spatial` bbox or `extent.temporal` pair (the pre-0.8 layout, still found in
 *    documents labelled 0.9.0) is wrapped as `{bbox: [...]}` / `{interval: [...]}`; stac-migrate
 *    only does so below 0.8.0 and otherwise replaces the arrays with empty objects.
 * 2. Commons-extension `properties` become single-value `summaries`. stac-migrate does that only
 *    for a Collection without `child`/`item` links and silently deletes them otherwise, so those
 *    links are hidden from it during the call and put back after.
 * 3. Before 1.0.0-beta.2, a Collection's `assets` were item asset definitions (no `href`); they
 *    are moved to `item_assets`. stac-migrate renames the other way (`item_assets` to `assets`).
 *
 * @param fromVersion the document's `stac_version` before migration (undefined when absent).
 */
export function withLegacyCollectionRepairs(collection: Json, fromVersion: string | undefined, warnings: string[], migrate: () => void): void {
  wrapBareExtent(collection, warnings);
  const links = collection.links;
  const properties = collection.properties;
  const commons = isObject(properties) && isBefore(fromVersion, '1.0.0-beta.1');
  if (commons && Array.isArray(links)) {
    collection.links = links.filter((link) => !(isObject(link) && (link.rel === 'child' || link.rel === 'item')));
  }
  try {
    migrate();
  } finally {
    if (Array.isArray(links)) collection.links = links;
  }
  if (commons) {
    warnings.push('/properties: Commons-extension properties moved to summaries');
  } else if (properties !== undefined && collection.properties === undefined) {
    // From 1.0.0-beta.1 on, `properties` is no Commons field but a foreign member, kept like any other.
    collection.properties = properties;
  }
  if (isBefore(fromVersion, '1.0.0-beta.2')) moveAssetDefinitions(collection, warnings);
}

/** A missing version counts as 0.6.0, as in stac-migrate. */
function isBefore(version: string | undefined, than: string): boolean {
  if (version === undefined) return true;
  const order = compareStacVersions(version, than);
  return order !== null && order < 0;
}

function wrapBareExtent(collection: Json, warnings: string[]): void {
  const extent = collection.extent;
  if (!isObject(extent)) return;
  if (Array.isArray(extent.spatial)) {
    extent.spatial = { bbox: [extent.spatial] };
    warnings.push('/extent/spatial: bare bbox (pre-0.8 layout) wrapped as {"bbox": [...]}');
  }
  if (Array.isArray(extent.temporal)) {
    extent.temporal = { interval: [extent.temporal] };
    warnings.push('/extent/temporal: bare interval (pre-0.8 layout) wrapped as {"interval": [...]}');
  }
}

function moveAssetDefinitions(collection: Json, warnings: string[]): void {
  const assets = collection.assets;
  if (!isObject(assets) || collection.item_assets !== undefined) return;
  const definitions = Object.values(assets);
  if (definitions.length === 0 || definitions.some((asset) => isObject(asset) && 'href' in asset)) return;
  collection.item_assets = assets;
  delete collection.assets;
  warnings.push('/assets: asset definitions without href (pre-1.0.0-beta.2 layout) moved to /item_assets');
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
