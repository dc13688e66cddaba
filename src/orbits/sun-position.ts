import { julianDate } from './julian-date.js';

/** Apparent geocentric equatorial position of the Sun (true equator and equinox of date). */
export interface SunPosition {
  /** Right ascension, radians, (-pi, pi]. */
  rightAscensionRad: number;
  /** Declination, radians. */
  declinationRad: number;
  /** Earth-Sun distance, astronomical units. */
  distanceAu: number;
}

const DEG = Math.PI / 180;

/**
 * Apparent right ascension, declination and distance of the Sun.
 *
 * The Astronomical Almanac's low-precision formulas (section C, "Low precision formulas for the
 * Sun"; the same as NOAA's and Michalsky 1988): with n = JD - 2451545.0,
 * mean longitude L = 280.460 + 0.9856474 n, mean anomaly g = 357.528 + 0.9856003 n (degrees),
 * ecliptic longitude lambda = L + 1.915 sin g + 0.020 sin 2g, obliquity eps = 23.439 - 0.0000004 n,
 * alpha = atan2(cos eps sin lambda, cos lambda), delta = asin(sin eps sin lambda),
 * R = 1.00014 - 0.01671 cos g - 0.00014 cos 2g. Stated precision 0.01 deg between 1950 and 2050
 * (the tests check Meeus's Example 25.a). UTC is used for the Almanac's TT: the Sun moves 0.0008 deg
 * in the 69 s between them.
 *
 * @param timeMs Unix time in milliseconds (UTC).
 */
export function sunPosition(timeMs: number): SunPosition {
  const n = julianDate(timeMs) - 2451545.0;
  const meanLongitudeDeg = 280.46 + 0.9856474 * n;
  const g = (357.528 + 0.9856003 * n) * DEG;
  const lambda = (meanLongitudeDeg + 1.915 * Math.sin(g) + 0.02 * Math.sin(2 * g)) * DEG;
  const epsilon = (23.439 - 0.0000004 * n) * DEG;
  const sinLambda = Math.sin(lambda);
  return {
    rightAscensionRad: Math.atan2(Math.cos(epsilon) * sinLambda, Math.cos(lambda)),
    declinationRad: Math.asin(Math.sin(epsilon) * sinLambda),
    distanceAu: 1.00014 - 0.01671 * Math.cos(g) - 0.00014 * Math.cos(2 * g),
  };
}
