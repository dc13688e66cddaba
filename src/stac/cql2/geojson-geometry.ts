import type { Geometry, Position } from 'geojson';
import type { Cql2Fail } from './cql2-error.js';

const TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/**
 * Checks that `value` is a GeoJSON geometry (RFC 7946 section 3.1) and returns a clean copy holding
 * only `type` and `coordinates` (or `geometries`), with -0 written as 0 so equal literals compare equal.
 *
 * Refused, through `fail`: positions that are not 2 or 3 finite numbers, LineStrings under 2
 * positions, Polygon rings under 4 positions or not closed, empty Multi* geometries and collections
 * (WKT `EMPTY` has no CQL2 spelling either), and GeometryCollections nested deeper than `depthLeft`.
 * Ring orientation and self-intersection are not checked: PostGIS judges those.
 */
export function geoJsonGeometry(value: unknown, fail: Cql2Fail, depthLeft: number): Geometry {
  if (!isObject(value) || typeof value.type !== 'string') return fail('expected a GeoJSON geometry object with a "type"');
  const type = value.type;
  if (!TYPES.has(type)) {
    return fail(
      type === 'Feature' || type === 'FeatureCollection'
        ? `a ${type} is not a geometry; pass its geometry`
        : `'${type.slice(0, 40)}' is not a GeoJSON geometry type`,
    );
  }
  if (type === 'GeometryCollection') {
    const members = value.geometries;
    if (!Array.isArray(members) || members.length === 0) return fail('a GeometryCollection needs a non-empty "geometries" array');
    if (depthLeft <= 0) return fail('GeometryCollections are nested too deeply');
    return { type, geometries: members.map((member) => geoJsonGeometry(member, fail, depthLeft - 1)) };
  }

  const coordinates = value.coordinates;
  const at = (path: string, problem: string): never => fail(`${type} coordinates${path}: ${problem}`);
  switch (type) {
    case 'Point':
      return { type, coordinates: position(coordinates, '', at) };
    case 'MultiPoint':
      return { type, coordinates: list(coordinates, '', at, 1, (p, path) => position(p, path, at)) };
    case 'LineString':
      return { type, coordinates: line(coordinates, '', at) };
    case 'MultiLineString':
      return { type, coordinates: list(coordinates, '', at, 1, (l, path) => line(l, path, at)) };
    case 'Polygon':
      return { type, coordinates: polygon(coordinates, '', at) };
    default:
      return { type: 'MultiPolygon', coordinates: list(coordinates, '', at, 1, (p, path) => polygon(p, path, at)) };
  }
}

type At = (path: string, problem: string) => never;

function list<T>(value: unknown, path: string, at: At, min: number, item: (v: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) return at(path, 'expected an array');
  if (value.length < min) return at(path, `expected at least ${min} member${min === 1 ? '' : 's'}, got ${value.length}`);
  return value.map((v, i) => item(v, `${path}[${i}]`));
}

function position(value: unknown, path: string, at: At): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return at(path, 'a position is 2 or 3 numbers');
  return value.map((n) => {
    if (typeof n !== 'number' || !Number.isFinite(n)) return at(path, 'a position is 2 or 3 finite numbers');
    return n === 0 ? 0 : n;
  });
}

function line(value: unknown, path: string, at: At): Position[] {
  return list(value, path, at, 2, (p, itemPath) => position(p, itemPath, at));
}

function polygon(value: unknown, path: string, at: At): Position[][] {
  return list(value, path, at, 1, (ring, ringPath) => {
    const positions = list(ring, ringPath, at, 4, (p, itemPath) => position(p, itemPath, at));
    const first = positions[0] as Position;
    const last = positions[positions.length - 1] as Position;
    if (first.length !== last.length || first.some((n, i) => n !== last[i])) {
      return at(ringPath, 'a ring must be closed (its first and last positions equal)');
    }
    return positions;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
