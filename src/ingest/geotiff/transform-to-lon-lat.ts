import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { InvalidRequestError } from '../../errors.js';
import type { GeotiffCrs } from './geotiff-crs.js';
import type { XY } from './image-outline.js';

/** An image outline and its ground sample distance in WGS 84. */
export interface LonLatOutline {
  /** The outline in lon/lat degrees, vertex for vertex (not yet split at the antimeridian). */
  outline: XY[];
  /** Mean geodesic distance between the centre pixel and its right and lower neighbours, in metres. */
  gsdM: number;
}

/**
 * Transform an outline from the file's CRS to WGS 84 lon/lat with PostGIS ST_Transform (PROJ), and
 * measure the pixel size on the ground at the image centre (geodesic, on the geography type).
 * The centre goes first, so a CRS PROJ cannot use is told apart from corners off the Earth (a
 * full-disk geostationary image: its centre maps, its corners do not).
 *
 * @param centre the centre pixel and its right and lower neighbours, in the file's CRS
 * @throws InvalidRequestError `GeoTiffCrsNotTransformable` when PROJ cannot transform from the CRS
 * @throws InvalidRequestError `GeoTiffOffEarth` when outline vertices fall off the Earth
 */
export async function transformToLonLat(db: Kysely<Database>, crs: GeotiffCrs, outline: XY[], centre: [XY, XY, XY]): Promise<LonLatOutline> {
  const describe = crs.code ?? `"${crs.name ?? 'unnamed'}" (no EPSG code)`;
  let gsdM: number;
  try {
    const { rows } = await sql<{ dx: number; dy: number }>`
      WITH p AS (
        SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'MultiPoint', coordinates: centre })}), 0), ${crs.transformFrom}, 4326) AS g
      )
      SELECT ST_Distance(ST_GeometryN(g, 1)::geography, ST_GeometryN(g, 2)::geography) AS dx,
             ST_Distance(ST_GeometryN(g, 1)::geography, ST_GeometryN(g, 3)::geography) AS dy
      FROM p`.execute(db);
    gsdM = (Number(rows[0]?.dx) + Number(rows[0]?.dy)) / 2;
  } catch (error) {
    throw new InvalidRequestError(
      'GeoTiffCrsNotTransformable',
      `PostGIS cannot transform from the file's CRS ${describe} to WGS 84: ${postgisMessage(error)}`,
    );
  }
  if (!Number.isFinite(gsdM)) {
    throw new InvalidRequestError('GeoTiffCrsNotTransformable', `PostGIS cannot transform the centre of the image from the file's CRS ${describe} to WGS 84`);
  }
  let lonLat: XY[];
  try {
    const { rows } = await sql<{ line: string }>`
      SELECT ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify({ type: 'LineString', coordinates: outline })}), 0),
                                       ${crs.transformFrom}, 4326), 9) AS line`.execute(db);
    lonLat = (JSON.parse(rows[0]!.line) as { coordinates: XY[] }).coordinates;
  } catch (error) {
    throw offEarth(describe, postgisMessage(error));
  }
  const bad = lonLat.find(([lon, lat]) => !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lon) > 180 + 1e-9);
  if (bad !== undefined || lonLat.length !== outline.length) throw offEarth(describe, `a vertex maps to ${JSON.stringify(bad)}`);
  return { outline: lonLat, gsdM };
}

function offEarth(crs: string, detail: string): InvalidRequestError {
  return new InvalidRequestError(
    'GeoTiffOffEarth',
    `the image's outline reaches off the Earth in its CRS ${crs} (${detail}): no lon/lat footprint exists`,
  );
}

function postgisMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}
