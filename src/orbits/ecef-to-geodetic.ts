import type { EcfVec3, Kilometer } from 'satellite.js';
import { EARTH } from './earth.js';

/** Geodetic coordinates on the WGS84 ellipsoid. */
export interface Geodetic {
  /** Geodetic latitude, radians, [-pi/2, pi/2]. */
  latitudeRad: number;
  /** Longitude, radians, (-pi, pi]. */
  longitudeRad: number;
  /** Height above the ellipsoid along its normal, km. */
  heightKm: number;
}

const A_KM = EARTH.wgs84EquatorialRadiusKm;
const F = EARTH.wgs84Flattening;
const B_KM = A_KM * (1 - F);
const E2 = F * (2 - F);
const EP2 = E2 / (1 - E2);

/**
 * Geodetic latitude, longitude and height (WGS84) of an Earth-fixed position.
 *
 * Bowring's method (Bowring 1976, "Transformation from spatial to geographical coordinates", Survey
 * Review 23(181)) with the parametric latitude refined twice; the height is
 * p cos(lat) + z sin(lat) - a sqrt(1 - e^2 sin^2(lat)), stable at the poles. From the surface to
 * geostationary height the latitude error is below 1e-11 rad (checked against Vallado's Example 3-3
 * in the tests). At the poles (x = y = 0) the longitude is 0.
 *
 * @param positionEcefKm Earth-fixed position, km.
 * @returns Geodetic coordinates, radians and km.
 * @throws RangeError when a coordinate is not finite.
 */
export function ecefToGeodetic(positionEcefKm: EcfVec3<Kilometer>): Geodetic {
  const { x, y, z } = positionEcefKm;
  if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) {
    throw new RangeError(`ecefToGeodetic: position must be finite, got (${x}, ${y}, ${z})`);
  }
  const p = Math.hypot(x, y);
  const longitudeRad = p === 0 ? 0 : Math.atan2(y, x);
  // Parametric (reduced) latitude first guess, then Bowring's update twice.
  let sb = A_KM * z;
  let cb = B_KM * p;
  let latitudeRad = 0;
  for (let i = 0; i < 3; i++) {
    const n = Math.hypot(sb, cb);
    const s = n === 0 ? 0 : sb / n;
    const c = n === 0 ? 1 : cb / n;
    const num = z + EP2 * B_KM * s * s * s;
    const den = p - E2 * A_KM * c * c * c;
    latitudeRad = Math.atan2(num, den);
    // tan(beta) = (1 - f) tan(phi)
    sb = (1 - F) * num;
    cb = den;
  }
  const sinLat = Math.sin(latitudeRad);
  const cosLat = Math.cos(latitudeRad);
  const heightKm = p * cosLat + z * sinLat - A_KM * Math.sqrt(1 - E2 * sinLat * sinLat);
  return { latitudeRad, longitudeRad, heightKm };
}
