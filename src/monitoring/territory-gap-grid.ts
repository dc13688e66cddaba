import type { MultiPolygon, Polygon } from 'geojson';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/index.js';
import { InvalidRequestError } from '../errors.js';
import { EARTH } from '../orbits/earth.js';
import { territoryGrid } from '../revisit/core/index.js';
import type { Territory } from '../revisit/index.js';
import type { TimeWindow } from './resolve-time-window.js';
import type { SceneFilters } from './scene-filter-condition.js';
import { territoryScenes } from './territory-scenes.js';

/** A cell of the staleness grid. */
export interface GapCell {
  /** The cell, split at the antimeridian when it straddles it. */
  geometry: Polygon | MultiPolygon;
  /** Hours from the newest scene over the cell (in [since, at]) to `at`; null when none. */
  age_hours: number | null;
  /** That scene's time, RFC 3339 UTC, or null. */
  newest: string | null;
}

/** Cells per answer, at most: a finer grid over a large territory is refused. */
const MAX_GRID_CELLS = 20_000;

const DEG = 180 / Math.PI;

/**
 * The territory as grid cells about `cellKm` on a side (the revisit grid of `territoryGrid` at that
 * spacing: the cells around its points inside the territory, not clipped to the border), each with
 * the age of the newest scene over it in [since, at] that passes the filters, for maps.
 *
 * @throws InvalidRequestError `TooManyCells` when the grid would have more than {@link MAX_GRID_CELLS} cells
 */
export async function territoryGapGrid(
  db: Kysely<Database>,
  territory: Pick<Territory, 'id' | 'geometry' | 'area_km2'>,
  cellKm: number,
  window: TimeWindow,
  filters: SceneFilters,
): Promise<GapCell[]> {
  const estimate = territory.area_km2 / (cellKm * cellKm);
  if (estimate > MAX_GRID_CELLS) {
    throw new InvalidRequestError(
      'TooManyCells',
      `a ${cellKm} km grid over ${territory.id} needs about ${Math.round(estimate).toLocaleString('en')} cells, more than ${MAX_GRID_CELLS.toLocaleString('en')}; use a larger cell_km`,
    );
  }
  const grid = territoryGrid(territory.geometry, cellKm);
  const latStepDeg = (cellKm / EARTH.meanRadiusKm) * DEG;
  // The spacing territoryGrid uses for columns: the row spacing widened at the box's centre latitude.
  const lonStepDeg = latStepDeg / Math.max(Math.cos((grid.bbox.southDeg + grid.bbox.northDeg) / 2 / DEG), 0.01);
  const cells = grid.points.map((p) =>
    cellGeometry(p.longitudeDeg - lonStepDeg / 2, Math.max(-90, p.latitudeDeg - latStepDeg / 2), p.longitudeDeg + lonStepDeg / 2, Math.min(90, p.latitudeDeg + latStepDeg / 2)),
  );
  const { rows } = await sql<{ k: number; t: Date | null }>`
    WITH scenes AS MATERIALIZED (${territoryScenes(territory, window, filters)}),
    cells AS MATERIALIZED (
      SELECT c.ord::int AS k, ST_SetSRID(ST_GeomFromGeoJSON(c.gj), 4326) AS g
      FROM unnest(${cells.map((c) => JSON.stringify(c))}::text[]) WITH ORDINALITY AS c(gj, ord)
    )
    -- Scene by scene (LATERAL keeps the scene outside), so that PostGIS prepares each footprint once
    -- for its run of tests against the cells.
    SELECT hit.k, max(s.t) AS t
    FROM scenes s CROSS JOIN LATERAL (SELECT c.k FROM cells c WHERE c.g && s.geometry AND _ST_Intersects(s.geometry, c.g)) hit
    GROUP BY hit.k`.execute(db);
  const newest = new Map(rows.map((r) => [r.k, r.t === null ? null : new Date(r.t)]));
  return cells.map((geometry, index) => {
    const t = newest.get(index + 1) ?? null;
    return {
      geometry,
      age_hours: t === null ? null : (window.at.getTime() - t.getTime()) / 3_600_000,
      newest: t?.toISOString() ?? null,
    };
  });
}

/** A longitude-latitude box, in two parts when it reaches past ±180°. */
function cellGeometry(west: number, south: number, east: number, north: number): Polygon | MultiPolygon {
  const box = (w: number, e: number) => [[[w, south], [e, south], [e, north], [w, north], [w, south]]];
  if (east > 180) return { type: 'MultiPolygon', coordinates: [box(west, 180), box(-180, east - 360)] };
  if (west < -180) return { type: 'MultiPolygon', coordinates: [box(west + 360, 180), box(-180, east)] };
  return { type: 'Polygon', coordinates: box(west, east) };
}
