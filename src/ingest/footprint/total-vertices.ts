import type { Geometry } from 'geojson';

/**
 * Counts the positions of a GeoJSON geometry, members of a GeometryCollection included and the closing position of
 * each ring counted (as it is written). `null` has none. This is the number the `maxVertices` limit applies to.
 */
export function totalVertices(geometry: Geometry | null): number {
  if (geometry === null) return 0;
  switch (geometry.type) {
    case 'Point':
      return 1;
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates.length;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.reduce((sum, line) => sum + line.length, 0);
    case 'MultiPolygon':
      return geometry.coordinates.reduce(
        (sum, polygon) => sum + polygon.reduce((inner, ring) => inner + ring.length, 0),
        0,
      );
    case 'GeometryCollection':
      return geometry.geometries.reduce((sum, member) => sum + totalVertices(member), 0);
  }
}
