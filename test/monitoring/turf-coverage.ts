/**
 * Expected shares worked out with plain Turf (planar overlay in degrees, spherical areas), never
 * with the PostGIS code under test: they agree with the geodesic PostGIS figures within about 1 %.
 */
import { area, feature, featureCollection, intersect, union } from '@turf/turf';
import type { Geometry, MultiPolygon, Polygon } from 'geojson';

type Areal = Polygon | MultiPolygon;

function polygons(geometry: Geometry | null): Polygon[] {
  if (geometry === null) return [];
  if (geometry.type === 'Polygon') return [geometry];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygons);
  return [];
}

function overlap(areaParts: readonly Polygon[], footprint: Geometry | null): Areal[] {
  const pieces: Areal[] = [];
  for (const a of areaParts) {
    for (const f of polygons(footprint)) {
      const piece = intersect(featureCollection([feature(a), feature(f)]));
      if (piece !== null) pieces.push(piece.geometry);
    }
  }
  return pieces;
}

const areaOf = (geometries: readonly Areal[]) => geometries.reduce((sum, g) => sum + area(g), 0);

/** Share of `areaParts` (the area as planar polygons, split at 180°) that `footprint` covers. */
export function turfCoverage(areaParts: readonly Polygon[], footprint: Geometry | null): number {
  return areaOf(overlap(areaParts, footprint)) / areaOf(areaParts);
}

/** Share of `areaParts` that the union of `footprints` covers. */
export function turfUnionCoverage(areaParts: readonly Polygon[], footprints: readonly (Geometry | null)[]): number {
  const pieces = footprints.flatMap((f) => overlap(areaParts, f));
  if (pieces.length === 0) return 0;
  const merged = pieces.length === 1 ? pieces[0]! : union(featureCollection(pieces.map((p) => feature(p))))!.geometry;
  return area(merged) / areaOf(areaParts);
}
