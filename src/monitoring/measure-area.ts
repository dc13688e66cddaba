import { area } from '@turf/turf';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/index.js';
import { InvalidRequestError } from '../errors.js';
import { areaLiteral } from './area-literal.js';
import type { MonitoringArea } from './resolve-area.js';

/**
 * The geodesic area of a request's area (PostGIS geography, WGS 84 spheroid), in km², the
 * denominator of its shares; a point measures 0. An area above the configured limit
 * (`limits.areaOfInterestKm2`, a little above the largest member country) is refused first, by its
 * spherical area (Turf): the geography type reads a polygon wider than a hemisphere as its
 * complement, so it cannot be the judge of "too large".
 *
 * @throws InvalidRequestError `AreaTooLarge`; `InvalidArea` when PostGIS finds the geometry invalid
 */
export async function measureArea(db: Kysely<Database>, monitored: MonitoringArea, maxKm2: number): Promise<number> {
  const sphericalKm2 = area(monitored.geometry) / 1e6;
  if (sphericalKm2 > maxKm2) {
    throw new InvalidRequestError(
      'AreaTooLarge',
      `the area is ${Math.round(sphericalKm2).toLocaleString('en')} km², more than the ${maxKm2.toLocaleString('en')} km² allowed (the largest member country)`,
    );
  }
  const { rows } = await sql<{ km2: number; reason: string }>`
    SELECT ST_Area(g::geography) / 1e6 AS km2, ST_IsValidReason(g) AS reason
    FROM (SELECT ${areaLiteral(monitored.geometry)} AS g) a`.execute(db);
  const row = rows[0]!;
  if (row.reason !== 'Valid Geometry') throw new InvalidRequestError('InvalidArea', `the area is not valid: ${row.reason}`);
  return row.km2;
}
