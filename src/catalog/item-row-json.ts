import type { Geometry } from 'geojson';
import type { StacDocument } from '../ingest/prepare-stac.js';
import { geometryToEwkbHex } from './geometry-to-ewkb.js';
import { itemColumns } from './item-columns.js';

/** One prepared item as `writeItemRows` takes it: its id and its row as JSON text. */
export interface ItemRowJson {
  id: string;
  /**
   * `{"collection", "id", "geometry" (hex EWKB or null), "datetime", …, "content" (the document)}`:
   * the promoted columns and the document in one JSON object, which PostgreSQL expands with
   * `jsonb_to_recordset`. Plain text, so it can be built in a worker thread and passed on as is.
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
  return {
    id: columns.id,
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
      content: item,
    }),
  };
}

function isGeometry(value: unknown): value is Geometry {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string';
}
