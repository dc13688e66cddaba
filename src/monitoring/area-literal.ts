import type { Geometry } from 'geojson';
import { sql, type RawBuilder } from 'kysely';

/**
 * A request's area (GeoJSON, WGS 84 degrees) as an SQL value in the items' SRID, its edges cut
 * every half degree: overlays are planar in longitude/latitude, areas are measured on the geography
 * type, whose edges are great circles; short edges make the two agree, so that a large area (a
 * wide bbox along a parallel) is measured as the area it is compared with.
 */
export function areaLiteral(geometry: Geometry): RawBuilder<unknown> {
  return sql`ST_Segmentize(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}::text), 4326), 0.5)`;
}
