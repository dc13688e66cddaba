import type { SearchHit, SearchPage } from '../catalog/index.js';
import type { FieldsSpec } from '../stac/search/parse-fields.js';
import { projectFields } from '../stac/search/project-fields.js';
import { ownLinks } from '../stac/structural-links.js';
import { itemLinks, type Link } from './links.js';

/**
 * A search page as a GeoJSON FeatureCollection, as JSON text. Without `fields` each stored document
 * is spliced in as the database printed it, with this service's links added, so a page of a hundred
 * items is never parsed and serialised again; with `fields` each item is parsed and cut down.
 */
export function featureCollectionText(base: string, page: SearchPage, links: Link[], fields: FieldsSpec | null): string {
  const features = page.items.map((hit) => (fields === null ? splicedItem(base, hit) : JSON.stringify(projectFields(parsedItem(base, hit), fields))));
  const matched = page.numberMatched === null ? '' : `,"numberMatched":${page.numberMatched}`;
  return `{"type":"FeatureCollection","features":[${features.join(',')}],"links":${JSON.stringify(links)},"numberReturned":${page.items.length}${matched}}`;
}

function responseLinks(base: string, hit: SearchHit): unknown[] {
  const own = hit.links === null ? [] : ownLinks({ links: JSON.parse(hit.links) as unknown });
  return [...own, ...itemLinks(base, hit.collection, hit.id)];
}

/** The document's text with `"links": [...]` appended before its closing brace. */
function splicedItem(base: string, hit: SearchHit): string {
  const body = hit.document.trimEnd();
  const separator = body === '{}' ? '' : ',';
  return `${body.slice(0, -1)}${separator}"links":${JSON.stringify(responseLinks(base, hit))}}`;
}

function parsedItem(base: string, hit: SearchHit): Record<string, unknown> {
  return { ...(JSON.parse(hit.document) as Record<string, unknown>), links: responseLinks(base, hit) };
}
