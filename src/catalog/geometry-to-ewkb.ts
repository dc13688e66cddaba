import type { Geometry, Position } from 'geojson';

const WKB_TYPE: Record<Geometry['type'], number> = {
  Point: 1,
  LineString: 2,
  Polygon: 3,
  MultiPoint: 4,
  MultiLineString: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
};
const SRID_FLAG = 0x20000000;
const WGS84 = 4326;

/**
 * A GeoJSON geometry as hex EWKB with SRID 4326, in two dimensions (a z coordinate is dropped: the
 * footprint column is 2-D). PostGIS reads this text straight into `geometry`, several times faster
 * than it parses GeoJSON, which matters at ten thousand items a second.
 */
export function geometryToEwkbHex(geometry: Geometry): string {
  const parts: Buffer[] = [];
  write(geometry, true, parts);
  return Buffer.concat(parts).toString('hex');
}

function write(geometry: Geometry, withSrid: boolean, parts: Buffer[]): void {
  const header = Buffer.alloc(withSrid ? 9 : 5);
  header.writeUInt8(1, 0);
  header.writeUInt32LE(WKB_TYPE[geometry.type] | (withSrid ? SRID_FLAG : 0), 1);
  if (withSrid) header.writeUInt32LE(WGS84, 5);
  parts.push(header);
  switch (geometry.type) {
    case 'Point':
      parts.push(points([geometry.coordinates], false));
      return;
    case 'LineString':
    case 'MultiPoint':
      if (geometry.type === 'MultiPoint') {
        parts.push(count(geometry.coordinates.length));
        for (const p of geometry.coordinates) write({ type: 'Point', coordinates: p }, false, parts);
      } else {
        parts.push(points(geometry.coordinates, true));
      }
      return;
    case 'Polygon':
      parts.push(count(geometry.coordinates.length));
      for (const ring of geometry.coordinates) parts.push(points(ring, true));
      return;
    case 'MultiLineString':
      parts.push(count(geometry.coordinates.length));
      for (const line of geometry.coordinates) write({ type: 'LineString', coordinates: line }, false, parts);
      return;
    case 'MultiPolygon':
      parts.push(count(geometry.coordinates.length));
      for (const polygon of geometry.coordinates) write({ type: 'Polygon', coordinates: polygon }, false, parts);
      return;
    case 'GeometryCollection':
      parts.push(count(geometry.geometries.length));
      for (const member of geometry.geometries) write(member, false, parts);
      return;
  }
}

function count(n: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(n, 0);
  return buffer;
}

/** x, y pairs, preceded by their number for lines and rings (not for a lone point). */
function points(positions: Position[], counted: boolean): Buffer {
  const offset = counted ? 4 : 0;
  const buffer = Buffer.alloc(offset + positions.length * 16);
  if (counted) buffer.writeUInt32LE(positions.length, 0);
  positions.forEach((p, i) => {
    buffer.writeDoubleLE(p[0] ?? NaN, offset + i * 16);
    buffer.writeDoubleLE(p[1] ?? NaN, offset + i * 16 + 8);
  });
  return buffer;
}
