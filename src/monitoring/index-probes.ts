import type { Geometry, Position } from 'geojson';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { spaceTimeCandidates } from '../catalog/search/item-extent.js';
import { extentOf } from '../ingest/footprint/extent-of.js';
import type { TimeWindow } from './resolve-time-window.js';

/** A bounding box [west, south, east, north], degrees, west <= east. */
export type ProbeBox = [number, number, number, number];

/**
 * The bounding boxes an index search should probe with: a geometry split at the antimeridian (as
 * areas and footprints are stored) has a world-wide box, so its parts west of 0° and east of it
 * are probed apart, each with a narrow box (the union of the results being the answer); any other
 * geometry is probed with its own box.
 */
export function indexProbes(geometry: Geometry): ProbeBox[] {
  const parts = geometry.type === 'MultiPolygon' ? geometry.coordinates.map((polygon) => polygon[0]!) : [positions(geometry)];
  const box = (points: Position[]): ProbeBox => {
    const extent = extentOf(points);
    return [extent.minLon, extent.minLat, extent.maxLon, extent.maxLat];
  };
  const whole = box(parts.flat());
  if (whole[2] - whole[0] <= 180) return [whole];
  const west = parts.filter((ring) => extentOf(ring).maxLon <= 0);
  const east = parts.filter((ring) => extentOf(ring).maxLon > 0);
  if (west.length === 0 || east.length === 0) return [whole];
  return [box(west.flat()), box(east.flat())];
}

function positions(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'Polygon':
      return geometry.coordinates[0]!;
    default:
      throw new RangeError(`indexProbes: expected a Point, Polygon or MultiPolygon, got ${geometry.type}`);
  }
}

/**
 * Items (the `items` table, unaliased) whose footprint box meets one of `boxes` while their time
 * range meets [since, at]: the search's space-time indexes (`spaceTimeCandidates`) find them,
 * one index scan per box. Only a pre-filter: the exact geometry and time conditions must hold too.
 */
export function spaceTimeProbes(boxes: readonly ProbeBox[], window: TimeWindow): RawBuilder<SqlBool> {
  const interval = { start: window.since?.toISOString() ?? null, end: window.at.toISOString() };
  return sql<SqlBool>`(${sql.join(
    boxes.map((box) => spaceTimeCandidates(box, interval)),
    sql` OR `,
  )})`;
}
