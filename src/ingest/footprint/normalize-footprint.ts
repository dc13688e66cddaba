import type { Geometry, Position } from 'geojson';
import { InvalidStacError } from '../../errors.js';
import { assertValidPolygons } from './assert-valid-polygons.js';
import { bboxOfGeometry } from './bbox-of-geometry.js';
import { formatGeometryPath, invalidGeometry, type GeometryPath } from './invalid-geometry.js';
import { LONGITUDE_CLAMP_TOLERANCE_DEG, parseGeometry } from './parse-geometry.js';
import { splitLineString } from './split-line-string.js';
import { splitPolygon, type SplitPolygonNotes } from './split-polygon.js';

/** A footprint ready to store: the geometry as PostGIS will index it, its bbox, and what was changed on the way. */
export interface NormalizedFootprint {
  /** RFC 7946 geometry in WGS 84 degrees, split at the antimeridian; `null` when the item has none. */
  geometry: Geometry | null;
  /**
   * `[minLon, minLat, maxLon, maxLat]` recomputed from `geometry` (`minLon > maxLon` when it crosses the
   * antimeridian), with the original's height range kept as `[minLon, minLat, minZ, maxLon, maxLat, maxZ]` when the
   * original bbox had 6 numbers; the original bbox (or `null`) when the geometry is null.
   */
  bbox: number[] | null;
  /** One sentence per kind of change (clamping, rewinding, splitting), for the ingest report. */
  warnings: string[];
}

/** Limits and context for `normalizeFootprint`. */
export interface NormalizeFootprintOptions {
  /** Most positions the geometry may have in total (closing positions of rings included); the config's limit. */
  maxVertices: number;
  /** The item's own bbox, used for a null geometry and for the height range of a 3-D bbox. */
  originalBbox?: number[] | null;
}

const LISTED_PATHS = 5;

function listPaths(paths: string[]): string {
  const shown = paths.slice(0, LISTED_PATHS).join(', ');
  return paths.length > LISTED_PATHS ? `${shown} and ${paths.length - LISTED_PATHS} more` : shown;
}

function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

/**
 * Normalises an item's footprint before it is stored, applying the rules search relies on (all in longitude/latitude
 * degrees, WGS 84, treating the plane of those degrees as flat):
 *
 * - structure: a GeoJSON geometry of any type (GeometryCollections recursively) with the nesting its type needs;
 *   latitudes within ±90; longitudes at most `LONGITUDE_CLAMP_TOLERANCE_DEG` (0.01°) beyond ±180 are clamped onto
 *   ±180 with a warning, farther ones are refused; at most `maxVertices` positions in total;
 * - winding: polygons are rewound to RFC 7946 order, exterior counter-clockwise and holes clockwise (a warning says
 *   which rings);
 * - antimeridian: a vertex exactly on ±180 takes the sign of its neighbours; an edge whose longitude jumps by more
 *   than 180° crosses the antimeridian; a polygon ring crossing an even number of times is split at 180° into a
 *   MultiPolygon whose pieces touch exactly +180 and -180, with the crossing latitude interpolated linearly in
 *   longitude/latitude; a ring crossing an odd number of times encloses a pole and is closed over the nearer pole,
 *   then split; rings spanning -180..180 with no crossing edge stay as they are; lines are split at 180° the same
 *   way (a LineString that crosses becomes a MultiLineString);
 * - validity, checked after splitting: closed rings of at least 4 positions and 3 distinct corners, non-zero area,
 *   no self-intersection, holes inside their exterior, parts of a MultiPolygon not overlapping;
 * - bbox: recomputed from the result by `bboxOfGeometry` (`minLon > maxLon` when the footprint crosses).
 *
 * Empty coordinates (and GeometryCollections left with no member) are read as no geometry, with a warning, as
 * RFC 7946 §3.1 allows. A null geometry is accepted: it never matches a spatial query, and the bbox is the original's.
 * Pure: the input is not mutated and nothing is read or written.
 *
 * @param geometry the item's `geometry` member, untrusted
 * @throws InvalidStacError code `InvalidGeometry` with the reason and the ring or position it concerns
 * @throws InvalidStacError code `GeometryTooLarge` when the geometry has more than `maxVertices` positions
 *
 * @example
 * normalizeFootprint(
 *   { type: 'Polygon', coordinates: [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]] },
 *   { maxVertices: 10_000 },
 * );
 * // geometry: MultiPolygon [[[[180, 10], [170, 10], [170, -10], [180, -10], [180, 10]]],
 * //                         [[[-180, -10], [-170, -10], [-170, 10], [-180, 10], [-180, -10]]]]
 * // bbox: [170, -10, -170, 10]
 */
export function normalizeFootprint(geometry: unknown, options: NormalizeFootprintOptions): NormalizedFootprint {
  if (geometry === undefined) {
    throw invalidGeometry('geometry is missing; a STAC item needs a GeoJSON geometry object or null');
  }
  const { geometry: parsed, notes } = parseGeometry(geometry);
  if (notes.vertexCount > options.maxVertices) {
    throw new InvalidStacError(
      'GeometryTooLarge',
      `geometry has ${notes.vertexCount} positions; at most ${options.maxVertices} are accepted`,
      { vertices: notes.vertexCount, maxVertices: options.maxVertices },
    );
  }
  const warnings: string[] = [];
  if (notes.clampedCount > 0) {
    warnings.push(
      `${plural(notes.clampedCount, 'longitude')} up to ${Number(notes.maxClampDeg.toPrecision(2))}° beyond ±180 ` +
        `(within the ${LONGITUDE_CLAMP_TOLERANCE_DEG}° tolerance) clamped to ±180, first at ${notes.firstClampPath}`,
    );
  }
  for (const path of notes.emptyPaths) {
    warnings.push(`${path} has empty coordinates and is read as no geometry (RFC 7946 §3.1)`);
  }
  const originalBbox = options.originalBbox ?? null;
  if (parsed === null) {
    return { geometry: null, bbox: originalBbox === null ? null : originalBbox.slice(), warnings };
  }

  const splitNotes: SplitPolygonNotes = { rewound: [], resigned: [], messages: [] };
  const shaped = shapeGeometry(parsed, [], splitNotes);
  if (splitNotes.rewound.length > 0) {
    warnings.push(
      `${plural(splitNotes.rewound.length, 'ring')} rewound to RFC 7946 order (exterior counter-clockwise, holes ` +
        `clockwise): ${listPaths(splitNotes.rewound)}`,
    );
  }
  if (splitNotes.resigned.length > 0) {
    warnings.push(
      `vertices on ±180 took the sign of their neighbours (+180 and -180 are one meridian) in ` +
        `${plural(splitNotes.resigned.length, 'ring or line', 'rings or lines')}: ${listPaths(splitNotes.resigned)}`,
    );
  }
  warnings.push(...splitNotes.messages);

  const bbox = bboxOfGeometry(shaped);
  if (originalBbox !== null && originalBbox.length === 6) {
    // Heights are not in the footprint's positions reliably (3DEP lidar's bbox carries them alone), so keep them.
    return {
      geometry: shaped,
      bbox: [bbox[0], bbox[1], originalBbox[2], bbox[2], bbox[3], originalBbox[5]] as number[],
      warnings,
    };
  }
  return { geometry: shaped, bbox, warnings };
}

/** Applies the antimeridian and winding rules to one parsed geometry and checks the polygons it yields. */
function shapeGeometry(geometry: Geometry, path: GeometryPath, notes: SplitPolygonNotes): Geometry {
  const coordinatesPath = [...path, 'coordinates'];
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return geometry;
    case 'LineString': {
      const pieces = splitLines([geometry.coordinates], coordinatesPath, notes, false);
      return pieces.length === 1
        ? { type: 'LineString', coordinates: pieces[0] as Position[] }
        : { type: 'MultiLineString', coordinates: pieces };
    }
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: splitLines(geometry.coordinates, coordinatesPath, notes, true) };
    case 'Polygon': {
      const polygons = shapePolygons([geometry.coordinates], coordinatesPath, notes, false);
      return polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] as Position[][] }
        : { type: 'MultiPolygon', coordinates: polygons };
    }
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: shapePolygons(geometry.coordinates, coordinatesPath, notes, true) };
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: geometry.geometries.map((member, index) =>
          shapeGeometry(member, [...path, 'geometries', index], notes),
        ),
      };
  }
}

function splitLines(lines: Position[][], path: GeometryPath, notes: SplitPolygonNotes, multi: boolean): Position[][] {
  return lines.flatMap((line, index) => {
    const { pieces, resigned } = splitLineString(line);
    const name = formatGeometryPath(multi ? [...path, index] : path);
    if (resigned) notes.resigned.push(name);
    if (pieces.length > 1) {
      notes.messages.push(
        `line ${name} crosses the antimeridian ${plural(pieces.length - 1, 'time')}; split at 180° into ` +
          `${pieces.length} parts`,
      );
    }
    return pieces;
  });
}

/**
 * Splits and rewinds each polygon, then checks the whole set as it will be stored. Messages name rings by their
 * place in the input when their polygon was not split, and by part number of the split polygon otherwise.
 */
function shapePolygons(
  polygons: Position[][][],
  path: GeometryPath,
  notes: SplitPolygonNotes,
  multi: boolean,
): Position[][][] {
  const names: ((ring: number) => string)[] = [];
  const shaped = polygons.flatMap((rings, index) => {
    const polygonPath = multi ? [...path, index] : path;
    const result = splitPolygon(rings, polygonPath, notes);
    result.polygons.forEach((_, part) => {
      names.push((ring) =>
        result.split
          ? `ring ${ring} of part ${part} of ${formatGeometryPath(polygonPath)} (as split at the antimeridian)`
          : `ring ${formatGeometryPath([...polygonPath, ring])}`,
      );
    });
    return result.polygons;
  });
  assertValidPolygons(shaped, (polygon, ring) => (names[polygon] as (ring: number) => string)(ring));
  return shaped;
}
