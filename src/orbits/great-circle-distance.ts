import { EARTH } from './earth.js';

/**
 * Great-circle distance between two points on the sphere of radius 6371.0088 km (the revisit
 * model's Earth), km. Haversine form, accurate for short and long distances alike.
 *
 * @param lat1Rad Latitude of the first point, radians (geodetic latitudes are used as spherical ones).
 * @param lon1Rad Longitude of the first point, radians.
 * @param lat2Rad Latitude of the second point, radians.
 * @param lon2Rad Longitude of the second point, radians.
 * @returns Distance in km, in [0, pi * 6371.0088].
 */
export function greatCircleDistanceKm(lat1Rad: number, lon1Rad: number, lat2Rad: number, lon2Rad: number): number {
  const sinDLat = Math.sin((lat2Rad - lat1Rad) / 2);
  const sinDLon = Math.sin((lon2Rad - lon1Rad) / 2);
  const h = sinDLat * sinDLat + Math.cos(lat1Rad) * Math.cos(lat2Rad) * sinDLon * sinDLon;
  return 2 * EARTH.meanRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}
