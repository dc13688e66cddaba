import type { Geometry } from 'geojson';
import { type Extent, extentOf } from './extent-of.js';

/** The separately drawn parts: each point, line or polygon (a polygon's holes lie within its exterior). */
function partsOf(geometry: Geometry, into: Extent[]): Extent[] {
  switch (geometry.type) {
    case 'Point':
      into.push(extentOf([geometry.coordinates]));
      break;
    case 'MultiPoint':
      for (const p of geometry.coordinates) into.push(extentOf([p]));
      break;
    case 'LineString':
      into.push(extentOf(geometry.coordinates));
      break;
    case 'MultiLineString':
      for (const line of geometry.coordinates) into.push(extentOf(line));
      break;
    case 'Polygon':
      into.push(extentOf(geometry.coordinates.flat()));
      break;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) into.push(extentOf(polygon.flat()));
      break;
    case 'GeometryCollection':
      for (const member of geometry.geometries) partsOf(member, into);
      break;
  }
  return into;
}

/**
 * The 2-D bounding box `[minLon, minLat, maxLon, maxLat]` (degrees) of a normalised footprint, aware of the
 * antimeridian as STAC and RFC 7946 §5.2 want: when some part touches +180 from the east side and another touches
 * -180 from the west side (a footprint split at the antimeridian, like Landsat LT05 087017's MultiPolygon), the
 * box is the shortest longitude arc covering every part and runs across 180, so `minLon > maxLon`
 * (e.g. [179.905, 60.44, -179.064, 62.49]). Otherwise, and when one part already spans -180..180 (a polar cap or
 * a whole-world rectangle), it is the plain minimum and maximum.
 *
 * Longitudes are assumed already within [-180, 180] and split at the antimeridian (as `normalizeFootprint`
 * returns them); heights are ignored.
 */
export function bboxOfGeometry(geometry: Geometry): number[] {
  const parts = partsOf(geometry, []);
  const all = parts.reduce(
    (box, part) => ({
      minLon: Math.min(box.minLon, part.minLon),
      maxLon: Math.max(box.maxLon, part.maxLon),
      minLat: Math.min(box.minLat, part.minLat),
      maxLat: Math.max(box.maxLat, part.maxLat),
    }),
    { minLon: Infinity, maxLon: -Infinity, minLat: Infinity, maxLat: -Infinity },
  );
  const touchesEast = parts.some((part) => part.maxLon === 180 && part.minLon > -180);
  const touchesWest = parts.some((part) => part.minLon === -180 && part.maxLon < 180);
  const spansAll = parts.some((part) => part.minLon === -180 && part.maxLon === 180);
  if (!touchesEast || !touchesWest || spansAll) return [all.minLon, all.minLat, all.maxLon, all.maxLat];

  // Merge the parts' longitude intervals; the widest gap between them is what the box leaves out.
  const intervals = parts.map((part) => [part.minLon, part.maxLon] as const).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of intervals) {
    const last = merged[merged.length - 1];
    if (last !== undefined && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  let widest = -1;
  let gapAfter = -1;
  for (let i = 0; i + 1 < merged.length; i += 1) {
    const gap = (merged[i + 1] as [number, number])[0] - (merged[i] as [number, number])[1];
    if (gap > widest) {
      widest = gap;
      gapAfter = i;
    }
  }
  if (gapAfter === -1) return [all.minLon, all.minLat, all.maxLon, all.maxLat];
  // The box starts just east of the gap and runs eastwards across 180 to just west of it.
  const minLon = (merged[gapAfter + 1] as [number, number])[0];
  const maxLon = (merged[gapAfter] as [number, number])[1];
  return [minLon, all.minLat, maxLon, all.maxLat];
}
