import type { Geometry } from 'geojson';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/index.js';
import type { Territory } from '../revisit/index.js';
import type { TimeWindow } from './resolve-time-window.js';
import type { SceneFilters } from './scene-filter-condition.js';
import { territoryScenes } from './territory-scenes.js';

/** A part of the territory that no scene of the window covers. */
export interface GapPart {
  geometry: Geometry;
  area_km2: number;
}

/** The parts of a territory not imaged in a window. */
export interface TerritoryGaps {
  parts: GapPart[];
  /** Geodesic area of the territory, km². */
  area_km2: number;
  stale_area_km2: number;
  /** stale_area_km2 / area_km2, [0, 1]. */
  stale_share: number;
  /** Scenes of the window over the territory. */
  scenes: number;
}

/**
 * The territory minus the union of the footprints of the scenes in [since, at] that pass the
 * filters, in PostGIS (planar overlay in longitude/latitude, where footprints and territories are
 * both split at the antimeridian; areas on the geography type), as its polygons, largest first.
 */
export async function territoryGaps(
  db: Kysely<Database>,
  territory: Pick<Territory, 'id' | 'geometry' | 'area_km2'>,
  window: TimeWindow,
  filters: SceneFilters,
): Promise<TerritoryGaps> {
  const { rows } = await sql<{ scenes: number; parts: { geometry: Geometry; km2: number }[] }>`
    WITH t AS (SELECT geometry AS g FROM territories WHERE id = ${territory.id}),
    seen AS (SELECT count(*)::int AS n, ST_Union(s.geometry) AS u FROM (${territoryScenes(territory, window, filters)}) s),
    gap AS (
      SELECT CASE WHEN seen.u IS NULL THEN t.g ELSE ST_CollectionExtract(ST_Difference(t.g, seen.u), 3) END AS g FROM t, seen
    ),
    parts AS (SELECT (ST_Dump(gap.g)).geom AS g FROM gap)
    SELECT (SELECT n FROM seen) AS scenes,
           coalesce(json_agg(json_build_object('geometry', ST_AsGeoJSON(p.g, 7)::json, 'km2', ST_Area(p.g::geography) / 1e6)), '[]') AS parts
    FROM parts p`.execute(db);
  const row = rows[0]!;
  const parts = row.parts
    .map((p) => ({ geometry: p.geometry, area_km2: p.km2 }))
    .filter((p) => p.area_km2 > 0)
    .sort((a, b) => b.area_km2 - a.area_km2);
  const staleKm2 = parts.reduce((sum, p) => sum + p.area_km2, 0);
  return {
    parts,
    area_km2: territory.area_km2,
    stale_area_km2: staleKm2,
    stale_share: territory.area_km2 > 0 ? Math.min(1, staleKm2 / territory.area_km2) : 0,
    scenes: row.scenes,
  };
}
