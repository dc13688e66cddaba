import type { Geometry, Position } from 'geojson';
import { formatGeometryPath, formatPosition, invalidGeometry, type GeometryPath } from './invalid-geometry.js';

/**
 * How far past ±180° a longitude may stray and still be taken as ±180 (degrees). Real producers round tile edges
 * outwards (Copernicus DEM tiles start at -180.0014), so a hundredth of a degree is forgiven; anything farther is a
 * wrong coordinate, not rounding.
 */
export const LONGITUDE_CLAMP_TOLERANCE_DEG = 0.01;

/** What `parseGeometry` learnt on its way through the coordinates, besides the geometry itself. */
export interface ParseGeometryNotes {
  /** Positions counted over the whole geometry, closing positions of rings included. */
  vertexCount: number;
  /** Longitudes moved back onto ±180. */
  clampedCount: number;
  /** The largest distance past ±180 that was clamped (degrees). */
  maxClampDeg: number;
  /** Where the first clamped longitude was, formatted. */
  firstClampPath: string | null;
  /** Members with empty coordinates that were read as no geometry, formatted. */
  emptyPaths: string[];
}

/** The result of `parseGeometry`: a fresh geometry (the input is never mutated) and the notes. */
export interface ParsedGeometry {
  /** `null` for a null geometry, or one whose coordinates are empty (RFC 7946 §3.1 lets us read it as null). */
  geometry: Geometry | null;
  notes: ParseGeometryNotes;
}

const COORDINATE_DEPTH = {
  Point: 1,
  MultiPoint: 2,
  LineString: 2,
  MultiLineString: 3,
  Polygon: 3,
  MultiPolygon: 4,
} as const;

type CoordinateType = keyof typeof COORDINATE_DEPTH;

const DEPTH_LOOKS_LIKE: Record<number, string> = {
  0: 'a bare number',
  1: 'a Point (one position)',
  2: 'a LineString or MultiPoint (an array of positions)',
  3: 'a Polygon or MultiLineString (an array of arrays of positions)',
  4: 'a MultiPolygon (an array of polygons, each an array of rings)',
};

const DEPTH_EXPECTED: Record<CoordinateType, string> = {
  Point: 'one [longitude, latitude] position',
  MultiPoint: 'an array of positions',
  LineString: 'an array of positions',
  MultiLineString: 'an array of lines, each an array of positions',
  Polygon: 'an array of linear rings, each an array of positions',
  MultiPolygon: 'an array of polygons, each an array of linear rings',
};

/**
 * Reads an untrusted GeoJSON geometry (RFC 7946) into a typed copy, checking its structure: a known `type`, the
 * nesting that type needs, positions of two or more finite numbers, latitudes within [-90, 90], longitudes within
 * [-180, 180] give or take `LONGITUDE_CLAMP_TOLERANCE_DEG` (those are clamped onto ±180 and counted in the notes),
 * LineStrings of 2 or more distinct positions and linear rings that are closed and have at least 4 positions and
 * 3 distinct corners. Units are degrees of WGS 84 longitude and latitude.
 *
 * It does not judge the shape (winding, self-intersection, the antimeridian): `normalizeFootprint` does that.
 *
 * @throws InvalidStacError with code `InvalidGeometry` naming the first offending member, ring or position.
 */
export function parseGeometry(value: unknown): ParsedGeometry {
  const notes: ParseGeometryNotes = {
    vertexCount: 0,
    clampedCount: 0,
    maxClampDeg: 0,
    firstClampPath: null,
    emptyPaths: [],
  };
  if (value === null) return { geometry: null, notes };
  const geometry = readGeometry(value, [], notes);
  return { geometry, notes };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function readGeometry(value: unknown, path: GeometryPath, notes: ParseGeometryNotes): Geometry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidGeometry(
      `${formatGeometryPath(path)} must be a GeoJSON geometry object or null, got ${describeValue(value)}`,
      path,
    );
  }
  const record = value as Record<string, unknown>;
  const type = record.type;
  if (type === 'GeometryCollection') {
    const members = record.geometries;
    if (!Array.isArray(members)) {
      throw invalidGeometry(
        `${formatGeometryPath(path)} is a GeometryCollection without a "geometries" array`,
        path,
      );
    }
    const geometries: Geometry[] = [];
    members.forEach((member, index) => {
      const memberPath = [...path, 'geometries', index];
      if (member === null) {
        throw invalidGeometry(`${formatGeometryPath(memberPath)} is null; a GeometryCollection member must be a geometry`, memberPath);
      }
      const read = readGeometry(member, memberPath, notes);
      if (read !== null) geometries.push(read);
    });
    if (geometries.length === 0) {
      notes.emptyPaths.push(formatGeometryPath(path));
      return null;
    }
    return { type: 'GeometryCollection', geometries };
  }
  if (typeof type !== 'string' || !(type in COORDINATE_DEPTH)) {
    throw invalidGeometry(
      `${formatGeometryPath(path)} has type ${JSON.stringify(type)}, which is not a GeoJSON geometry type ` +
        '(Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection)',
      path,
    );
  }
  const geometryType = type as CoordinateType;
  const coordinatesPath = [...path, 'coordinates'];
  const coordinates = record.coordinates;
  if (!Array.isArray(coordinates)) {
    throw invalidGeometry(
      `${formatGeometryPath(coordinatesPath)} of a ${geometryType} must be an array, got ${describeValue(coordinates)}`,
      coordinatesPath,
    );
  }
  if (coordinates.length === 0) {
    notes.emptyPaths.push(formatGeometryPath(path));
    return null;
  }
  checkDepth(geometryType, coordinates, coordinatesPath);
  switch (geometryType) {
    case 'Point':
      return { type: 'Point', coordinates: readPosition(coordinates, coordinatesPath, notes) };
    case 'MultiPoint':
      return {
        type: 'MultiPoint',
        coordinates: coordinates.map((p, i) => readPosition(p, coordinatesPath, notes, i)),
      };
    case 'LineString':
      return { type: 'LineString', coordinates: readLine(coordinates, coordinatesPath, notes) };
    case 'MultiLineString':
      return {
        type: 'MultiLineString',
        coordinates: coordinates.map((line, i) => readLine(line, [...coordinatesPath, i], notes)),
      };
    case 'Polygon':
      return { type: 'Polygon', coordinates: readPolygon(coordinates, coordinatesPath, notes) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: coordinates.map((polygon, i) => readPolygon(polygon, [...coordinatesPath, i], notes)),
      };
  }
}

/**
 * Compares the nesting depth of the first element chain with the type's. A Polygon nested like a MultiPolygon is a
 * common producer bug (stac-server's badGeometryItem); saying so is more useful than "position expected".
 */
function checkDepth(type: CoordinateType, coordinates: unknown[], path: GeometryPath): void {
  let depth = 0;
  let probe: unknown = coordinates;
  while (Array.isArray(probe)) {
    depth += 1;
    probe = probe[0];
  }
  const expected = COORDINATE_DEPTH[type];
  if (depth === expected) return;
  const looksLike = DEPTH_LOOKS_LIKE[depth] ?? `${depth} levels of arrays`;
  throw invalidGeometry(
    `${formatGeometryPath(path)} of a ${type} is nested ${depth} levels deep, like ${looksLike}; ` +
      `a ${type} needs ${expected} levels (${DEPTH_EXPECTED[type]})`,
    path,
  );
}

function readArray(value: unknown, path: GeometryPath, what: string): unknown[] {
  if (!Array.isArray(value)) {
    throw invalidGeometry(`${formatGeometryPath(path)} must be ${what}, got ${describeValue(value)}`, path);
  }
  return value;
}

/**
 * A position at `parent[index]` (or at `parent` itself for a Point, index undefined). The path is
 * built only for an error message: this runs once per vertex of every item ingested.
 */
function readPosition(value: unknown, parent: GeometryPath, notes: ParseGeometryNotes, index?: number): Position {
  if (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.length <= 4 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    value[1] >= -90 &&
    value[1] <= 90 &&
    value[0] >= -180 &&
    value[0] <= 180 &&
    (value.length === 2 || value.slice(2).every((n) => typeof n === 'number' && Number.isFinite(n)))
  ) {
    notes.vertexCount += 1;
    return value.slice() as Position;
  }
  const path = index === undefined ? parent : [...parent, index];
  const items = readArray(value, path, 'a position ([longitude, latitude] numbers)');
  if (items.length < 2 || !items.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw invalidGeometry(
      `${formatGeometryPath(path)} must be a position of 2 or more finite numbers [longitude, latitude, (height)], ` +
        `got ${JSON.stringify(items).slice(0, 80)}`,
      path,
    );
  }
  const position = (items as number[]).slice();
  notes.vertexCount += 1;
  const lon = position[0] as number;
  const lat = position[1] as number;
  if (lat < -90 || lat > 90) {
    const swapped = Math.abs(lon) <= 90 ? '; longitude and latitude look swapped' : '';
    throw invalidGeometry(
      `${formatGeometryPath(path)} has latitude ${lat}, outside [-90, 90]${swapped}`,
      path,
    );
  }
  const excess = Math.abs(lon) - 180;
  if (excess > 0) {
    if (Math.abs(lon) > 180 + LONGITUDE_CLAMP_TOLERANCE_DEG) {
      throw invalidGeometry(
        `${formatGeometryPath(path)} has longitude ${lon}, outside [-180, 180] by more than ` +
          `${LONGITUDE_CLAMP_TOLERANCE_DEG}°`,
        path,
      );
    }
    position[0] = lon > 0 ? 180 : -180;
    notes.clampedCount += 1;
    notes.maxClampDeg = Math.max(notes.maxClampDeg, excess);
    notes.firstClampPath ??= formatGeometryPath(path);
  }
  return position;
}

function samePlace(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** How many distinct 2-D positions there are, counting no further than `limit` (a small number). */
function countDistinct(positions: Position[], limit: number): number {
  const seen: Position[] = [];
  for (const p of positions) {
    if (!seen.some((q) => q[0] === p[0] && q[1] === p[1])) seen.push(p);
    if (seen.length >= limit) break;
  }
  return seen.length;
}

function readLine(value: unknown, path: GeometryPath, notes: ParseGeometryNotes): Position[] {
  const items = readArray(value, path, 'an array of positions');
  const line = items.map((p, i) => readPosition(p, path, notes, i));
  if (countDistinct(line, 2) < 2) {
    throw invalidGeometry(
      `line ${formatGeometryPath(path)} has ${line.length === 0 ? 'no positions' : 'fewer than 2 distinct positions'}; ` +
        'a LineString needs at least 2',
      path,
    );
  }
  return line;
}

function readPolygon(value: unknown, path: GeometryPath, notes: ParseGeometryNotes): Position[][] {
  const items = readArray(value, path, 'an array of linear rings');
  if (items.length === 0) {
    throw invalidGeometry(`polygon ${formatGeometryPath(path)} has no rings; it needs an exterior ring`, path);
  }
  return items.map((ring, i) => readRing(ring, [...path, i], notes));
}

function readRing(value: unknown, path: GeometryPath, notes: ParseGeometryNotes): Position[] {
  const items = readArray(value, path, 'a linear ring (an array of positions)');
  const ring = items.map((p, i) => readPosition(p, path, notes, i));
  const name = `ring ${formatGeometryPath(path)}`;
  if (ring.length < 4) {
    throw invalidGeometry(
      `${name} has ${ring.length} position${ring.length === 1 ? '' : 's'}; a linear ring needs at least 4 ` +
        '(3 corners and the first repeated at the end)',
      path,
    );
  }
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (!samePlace(first, last)) {
    throw invalidGeometry(
      `${name} is not closed: its first position ${formatPosition(first)} differs from its last ` +
        `${formatPosition(last)}`,
      path,
    );
  }
  if (countDistinct(ring, 3) < 3) {
    throw invalidGeometry(`${name} has fewer than 3 distinct positions, so it encloses nothing`, path);
  }
  return ring;
}
