import type { TerritoryGeometry } from './revisit-input.js';

/** One ring with longitudes unwrapped (no jump over 180 deg between neighbours), degrees. */
export interface UnwrappedRing {
  lon: Float64Array;
  lat: Float64Array;
  /** Smallest and largest unwrapped longitude. */
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

/**
 * The polygons of a territory as unwrapped rings (outer ring first, then holes), after checking
 * the geometry: a ring that crosses the antimeridian without being split (RFC 7946 asks for a
 * split, but not every client does) becomes continuous, e.g. 179 -> 181 rather than 179 -> -179.
 *
 * @throws RangeError when the geometry is not a Polygon or MultiPolygon of closed rings of at least
 *   four finite positions with latitudes in [-90, 90].
 */
export function territoryRings(geometry: TerritoryGeometry): UnwrappedRing[][] {
  const polygons =
    geometry?.type === 'Polygon' ? [geometry.coordinates] : geometry?.type === 'MultiPolygon' ? geometry.coordinates : null;
  if (!Array.isArray(polygons) || polygons.length === 0) {
    throw new RangeError('territory must be a non-empty GeoJSON Polygon or MultiPolygon');
  }
  return polygons.map((polygon, pi) => {
    if (!Array.isArray(polygon) || polygon.length === 0) throw new RangeError(`territory polygon ${pi} has no rings`);
    return polygon.map((ring, ri) => {
      if (!Array.isArray(ring) || ring.length < 4) throw new RangeError(`territory polygon ${pi} ring ${ri} has fewer than 4 positions`);
      const n = ring.length;
      const lon = new Float64Array(n);
      const lat = new Float64Array(n);
      let minLon = Infinity;
      let maxLon = -Infinity;
      let minLat = Infinity;
      let maxLat = -Infinity;
      let shift = 0;
      for (let i = 0; i < n; i++) {
        const position = ring[i];
        const x = position?.[0];
        const y = position?.[1];
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(y) > 90) {
          throw new RangeError(`territory polygon ${pi} ring ${ri} position ${i} is not a valid [lon, lat]`);
        }
        if (i > 0) {
          const prev = ring[i - 1]![0]!;
          if (x - prev > 180) shift -= 360;
          else if (prev - x > 180) shift += 360;
        }
        lon[i] = x + shift;
        lat[i] = y;
        minLon = Math.min(minLon, lon[i]!);
        maxLon = Math.max(maxLon, lon[i]!);
        minLat = Math.min(minLat, y);
        maxLat = Math.max(maxLat, y);
      }
      return { lon, lat, minLon, maxLon, minLat, maxLat };
    });
  });
}
