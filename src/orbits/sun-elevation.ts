import { sunDirectionEcef } from './sun-direction-ecef.js';

/**
 * Elevation of the Sun's centre above the horizon of a point on the WGS84 ellipsoid, radians.
 *
 * sin(elevation) = n . s, with n the ellipsoid normal at the point (geodetic latitude) and s the
 * Sun's direction from {@link sunDirectionEcef}. Geocentric direction (the 8.8 arcsecond solar
 * parallax is ignored) and no atmospheric refraction (which lifts the Sun by about 0.03 deg at
 * 10 deg, 0.5 deg at the horizon), so this is the geometric elevation. Accuracy about 0.01 deg
 * (checked against NREL's SPA example, Reda and Andreas 2004).
 *
 * @param latitudeRad Geodetic latitude, radians.
 * @param longitudeRad Longitude, radians (east positive).
 * @param timeMs Unix time in milliseconds (UTC).
 * @returns Elevation, radians, in [-pi/2, pi/2].
 * @throws RangeError when the latitude is outside [-pi/2, pi/2] or an input is not finite.
 */
export function sunElevationRad(latitudeRad: number, longitudeRad: number, timeMs: number): number {
  if (!(Math.abs(latitudeRad) <= Math.PI / 2) || !Number.isFinite(longitudeRad) || !Number.isFinite(timeMs)) {
    throw new RangeError(`sunElevationRad: bad point or time (${latitudeRad}, ${longitudeRad}, ${timeMs})`);
  }
  const s = sunDirectionEcef(timeMs);
  const cosLat = Math.cos(latitudeRad);
  const dot = cosLat * Math.cos(longitudeRad) * s.x + cosLat * Math.sin(longitudeRad) * s.y + Math.sin(latitudeRad) * s.z;
  return Math.asin(Math.max(-1, Math.min(1, dot)));
}
