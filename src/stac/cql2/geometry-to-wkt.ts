import type { Geometry, Position } from 'geojson';

/**
 * Writes a GeoJSON geometry as CQL2 WKT: `POINT(1 2)`, `POLYGON((0 0, 1 0, 1 1, 0 0))`,
 * `MULTIPOINT((1 2), (3 4))`, `GEOMETRYCOLLECTION(POINT(1 2), ...)`. Positions keep their 2 or 3
 * numbers; no `Z` tag is written, since CQL2 reads a third number as height without one.
 */
export function geometryToWkt(geometry: Geometry): string {
  switch (geometry.type) {
    case 'Point':
      return `POINT(${position(geometry.coordinates)})`;
    case 'MultiPoint':
      return `MULTIPOINT(${geometry.coordinates.map((p) => `(${position(p)})`).join(', ')})`;
    case 'LineString':
      return `LINESTRING${positions(geometry.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING(${geometry.coordinates.map(positions).join(', ')})`;
    case 'Polygon':
      return `POLYGON${rings(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON(${geometry.coordinates.map(rings).join(', ')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION(${geometry.geometries.map(geometryToWkt).join(', ')})`;
  }
}

function position(p: Position): string {
  return p.map(String).join(' ');
}

function positions(ps: Position[]): string {
  return `(${ps.map(position).join(', ')})`;
}

function rings(rs: Position[][]): string {
  return `(${rs.map(positions).join(', ')})`;
}
