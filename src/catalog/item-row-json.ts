import type { Geometry } from 'geojson';
import type { StacDocument } from '../ingest/prepare-stac.js';
import { geometryToEwkbHex } from './geometry-to-ewkb.js';
import { itemColumns } from './item-columns.js';

/** One prepared item as `writeItemRows` takes it: its id, its row as JSON text and its property keys. */
export interface ItemRowJson {
  collection: string;
  id: string;
  /**
   * The names and JSON types of its properties, as JSON text (`[["platform","string"],…]`, sorted):
   * `writeItemRows` records them for /queryables. Text, so that the many items of a batch with the
   * same properties are told apart from the rare ones with new keys by one comparison.
   */
  propertyKeys: string;
  /**
   * `{"collection", "id", "geometry" (hex EWKB or null), "datetime", …, "content" (the document
   * without its links), "links"}`: the promoted columns and the document in one JSON object, which
   * PostgreSQL expands with `json_to_recordset`. Plain text, so it can be built in a worker thread
   * and passed on as is.
   */
  json: string;
}

/**
 * The row of a prepared item as JSON text. The document is embedded as JSON, not as an escaped
 * string: a batch then travels as one JSON parameter that PostgreSQL parses once, instead of an
 * array of JSON strings that the driver escapes element by element and the server unescapes again.
 */
export function itemRowJson(item: StacDocument): ItemRowJson {
  const columns = itemColumns(item);
  // Stored apart (sql/0010_json_documents.sql); null only for a document without links.
  const { links = null, ...content } = item;
  return {
    collection: columns.collection,
    id: columns.id,
    propertyKeys: propertyKeys(item.properties),
    json: JSON.stringify({
      collection: columns.collection,
      id: columns.id,
      // Hex EWKB: PostGIS reads it far faster than GeoJSON.
      geometry: isGeometry(item.geometry) ? geometryToEwkbHex(item.geometry) : null,
      datetime: columns.datetime,
      start_datetime: columns.start_datetime,
      end_datetime: columns.end_datetime,
      cloud_cover: columns.cloud_cover,
      platform: columns.platform,
      constellation: columns.constellation,
      instruments: columns.instruments,
      gsd: columns.gsd,
      off_nadir: columns.off_nadir,
      content,
      links,
    }),
  };
}

function isGeometry(value: unknown): value is Geometry {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}

/** The (name, type) pairs of an item's properties, the type as PostgreSQL's json_typeof names it. */
function propertyKeys(properties: unknown): string {
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return '[]';
  const pairs = Object.entries(properties).map(([name, value]) => [name, jsonType(value)]);
  pairs.sort(([a = ''], [b = '']) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(pairs);
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
