/**
 * Earth figures used by eopool's orbit code, each with its unit in the name.
 *
 * - `meanRadiusKm`: IUGG mean radius R1 = (2a + b) / 3 of WGS84, 6371.0088 km. Swath, field-of-regard
 *   and ground-distance geometry is done on a sphere of this radius (the revisit model's choice: a
 *   spherical Earth keeps every distance a great-circle distance, within 0.5 % of the geodesic).
 * - `wgs84EquatorialRadiusKm`, `wgs84Flattening`: the WGS84 ellipsoid (NIMA TR8350.2, table 3.1), used
 *   for geodetic latitude and height of sub-satellite points.
 * - `rotationRateRadPerS`: the Earth's mean angular velocity, WGS84 value.
 */
export const EARTH = Object.freeze({
  meanRadiusKm: 6371.0088,
  wgs84EquatorialRadiusKm: 6378.137,
  wgs84Flattening: 1 / 298.257223563,
  rotationRateRadPerS: 7.292115e-5,
});
