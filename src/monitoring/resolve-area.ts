import type { MultiPolygon, Point, Polygon, Position } from 'geojson';
import { InvalidRequestError, InvalidStacError } from '../errors.js';
import { normalizeFootprint } from '../ingest/footprint/index.js';
import { territoryCentre, type LonLatDeg } from '../revisit/core/index.js';
import { parseBbox } from '../stac/search/parse-bbox.js';

/** An area of interest as PostGIS compares it with footprints. */
export type AreaGeometry = Point | Polygon | MultiPolygon;

/** The area a freshest request asks about, ready for the database. */
export interface MonitoringArea {
  /** WGS 84 degrees; a polygon crossing the antimeridian is split there into a MultiPolygon, as footprints are. */
  geometry: AreaGeometry;
  kind: 'point' | 'polygon';
  /** Where next passes are predicted: the point, or the polygon's area-weighted centre (antimeridian-aware). */
  centre: LonLatDeg;
}

/** How a request names its area: exactly one of these. */
export interface AreaInput {
  /** A GeoJSON Point, Polygon or MultiPolygon. */
  intersects?: unknown;
  /** `minx,miny,maxx,maxy` text or a 4-number array; minx > maxx crosses the antimeridian. */
  bbox?: unknown;
  /** `lon,lat` text. */
  point?: string;
}

/**
 * Turn the area of a request into a normalised geometry: a point, a bbox or a GeoJSON polygon,
 * checked and split at the antimeridian by `normalizeFootprint` (the rules footprints follow, so
 * planar intersections in longitude/latitude are right on both sides of 180°).
 *
 * @param maxVertices the configured geometry vertex limit
 * @throws InvalidRequestError `InvalidArea` (not exactly one area, a geometry that is not a valid
 *   Point, Polygon or MultiPolygon, a bad point), `InvalidBbox`, `GeometryTooLarge`
 */
export function resolveArea(input: AreaInput, maxVertices: number): MonitoringArea {
  const given = (['intersects', 'bbox', 'point'] as const).filter((name) => input[name] !== undefined);
  if (given.length !== 1) {
    throw new InvalidRequestError('InvalidArea', `give exactly one area (intersects, bbox or point), got ${given.length === 0 ? 'none' : given.join(' and ')}`);
  }
  if (input.point !== undefined) return pointArea(input.point);
  const raw = input.bbox !== undefined ? bboxPolygon(input.bbox) : input.intersects;
  const type = (raw as { type?: unknown } | null)?.type;
  if (type !== 'Point' && type !== 'Polygon' && type !== 'MultiPolygon') {
    throw new InvalidRequestError('InvalidArea', `the area must be a GeoJSON Point, Polygon or MultiPolygon, got ${typeof type === 'string' ? type : JSON.stringify(raw)}`);
  }
  let geometry: AreaGeometry;
  try {
    geometry = normalizeFootprint(raw, { maxVertices }).geometry as AreaGeometry;
  } catch (error) {
    if (error instanceof InvalidStacError && error.code === 'InvalidGeometry') throw new InvalidRequestError('InvalidArea', `the area is not valid: ${error.message}`);
    if (error instanceof InvalidStacError) throw new InvalidRequestError(error.code, error.message);
    throw error;
  }
  if (geometry.type === 'Point') return pointArea(geometry.coordinates);
  return { geometry, kind: 'polygon', centre: territoryCentre(geometry) };
}

function pointArea(raw: string | Position): MonitoringArea {
  const parts = typeof raw === 'string' ? raw.split(',').map((p) => (p.trim() === '' ? NaN : Number(p))) : raw;
  const [lon, lat] = parts as [number, number];
  if (parts.length !== 2 || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new InvalidRequestError('InvalidArea', `point must be "lon,lat" with longitude in [-180, 180] and latitude in [-90, 90], got ${JSON.stringify(raw)}`);
  }
  return { geometry: { type: 'Point', coordinates: [lon, lat] }, kind: 'point', centre: { longitudeDeg: lon, latitudeDeg: lat } };
}

/**
 * A bbox as a polygon whose south and north edges have four vertices, so that no edge spans more
 * than 120° of longitude: an edge longer than 180° would read as crossing the antimeridian.
 */
function bboxPolygon(raw: unknown): Polygon {
  const [minx, miny, maxx, maxy] = parseBbox(raw);
  const widthDeg = minx <= maxx ? maxx - minx : maxx + 360 - minx;
  const wrap = (x: number) => (x > 180 ? x - 360 : x);
  const along = [0, 1 / 3, 2 / 3, 1].map((f) => wrap(minx + f * widthDeg));
  along[3] = maxx;
  const south = along.map((x) => [x, miny]);
  const north = [...along].reverse().map((x) => [x, maxy]);
  return { type: 'Polygon', coordinates: [[...south, ...north, [minx, miny]]] };
}
