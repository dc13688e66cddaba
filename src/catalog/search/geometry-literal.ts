import type { Geometry, GeometryCollection, LineString, Point, Polygon, Position } from 'geojson';
import { sql, type RawBuilder } from 'kysely';

/**
 * A GeoJSON geometry (WGS 84 degrees) as a parameter of the query, in the items' SRID, sent as
 * 2-D EWKB in hex: the planner folds the literal once per mention, and reading a thousand vertices
 * of binary costs a fraction of parsing them as GeoJSON. Heights are dropped; footprints are 2-D.
 */
export function geometryLiteral(geometry: Geometry): RawBuilder<unknown> {
  return sql`${ewkbHex(geometry)}::geometry`;
}

const WKB_TYPE = { Point: 1, LineString: 2, Polygon: 3, MultiPoint: 4, MultiLineString: 5, MultiPolygon: 6, GeometryCollection: 7 } as const;
/** The EWKB flag that an SRID follows the type. */
const WKB_SRID_FLAG = 0x20000000;

function ewkbHex(geometry: Geometry): string {
  const parts: Buffer[] = [];
  const uint32 = (value: number) => {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32LE(value >>> 0);
    parts.push(buffer);
  };
  const position = (p: Position) => {
    const buffer = Buffer.alloc(16);
    buffer.writeDoubleLE(p[0] as number, 0);
    buffer.writeDoubleLE(p[1] as number, 8);
    parts.push(buffer);
  };
  const line = (positions: Position[]) => {
    uint32(positions.length);
    positions.forEach(position);
  };
  const write = (g: Geometry, top: boolean): void => {
    parts.push(Buffer.from([1])); // little-endian
    uint32(WKB_TYPE[g.type] | (top ? WKB_SRID_FLAG : 0));
    if (top) uint32(4326);
    switch (g.type) {
      case 'Point':
        return position(g.coordinates);
      case 'LineString':
        return line(g.coordinates);
      case 'Polygon':
        uint32(g.coordinates.length);
        return g.coordinates.forEach(line);
      case 'MultiPoint':
        uint32(g.coordinates.length);
        return g.coordinates.forEach((coordinates) => write({ type: 'Point', coordinates }, false));
      case 'MultiLineString':
        uint32(g.coordinates.length);
        return g.coordinates.forEach((coordinates) => write({ type: 'LineString', coordinates }, false));
      case 'MultiPolygon':
        uint32(g.coordinates.length);
        return g.coordinates.forEach((coordinates) => write({ type: 'Polygon', coordinates }, false));
      case 'GeometryCollection':
        uint32(g.geometries.length);
        return g.geometries.forEach((member) => write(member, false));
    }
  };
  write(geometry, true);
  return Buffer.concat(parts).toString('hex');
}

type Single = Point | LineString | Polygon;

/**
 * A geometry whose parts lie on both sides of the antimeridian (as a normalised footprint crossing
 * it does) as two geometries, its western and its eastern parts; any other geometry alone. Each
 * has a narrow bounding box, where the whole one spans the world, so an index search for "intersects
 * either" reads a small part of the index. Only for intersection: the union of the results is the
 * result for the whole.
 */
export function hemisphereParts(geometry: Geometry): Geometry[] {
  const parts = singles(geometry);
  const lons = parts.flatMap((p) => positions(p).map((q) => q[0] as number));
  if (parts.length < 2 || Math.max(...lons) - Math.min(...lons) <= 180) return [geometry];
  const west = parts.filter((p) => Math.max(...positions(p).map((q) => q[0] as number)) <= 0);
  const east = parts.filter((p) => !west.includes(p));
  return west.length === 0 || east.length === 0 ? [geometry] : [collect(west), collect(east)];
}

function singles(geometry: Geometry): Single[] {
  switch (geometry.type) {
    case 'MultiPoint':
      return geometry.coordinates.map((coordinates) => ({ type: 'Point', coordinates }));
    case 'MultiLineString':
      return geometry.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }));
    case 'MultiPolygon':
      return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    case 'GeometryCollection':
      return geometry.geometries.flatMap(singles);
    default:
      return [geometry];
  }
}

function positions(geometry: Single): Position[] {
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'LineString') return geometry.coordinates;
  return geometry.coordinates.flat();
}

function collect(parts: Single[]): Geometry {
  if (parts.length === 1) return parts[0] as Single;
  if (parts.every((p) => p.type === 'Polygon')) return { type: 'MultiPolygon', coordinates: parts.map((p) => (p as Polygon).coordinates) };
  if (parts.every((p) => p.type === 'LineString')) return { type: 'MultiLineString', coordinates: parts.map((p) => (p as LineString).coordinates) };
  if (parts.every((p) => p.type === 'Point')) return { type: 'MultiPoint', coordinates: parts.map((p) => (p as Point).coordinates) };
  return { type: 'GeometryCollection', geometries: parts } satisfies GeometryCollection;
}
