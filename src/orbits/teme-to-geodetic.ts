import type { EciVec3, Kilometer } from 'satellite.js';
import { ecefToGeodetic, type Geodetic } from './ecef-to-geodetic.js';
import { greenwichMeanSiderealTimeRad } from './greenwich-mean-sidereal-time.js';
import { temeToEcef } from './teme-to-ecef.js';

/**
 * Geodetic (WGS84) coordinates of a TEME position at a given time: {@link temeToEcef} with the
 * IAU 1982 GMST, then {@link ecefToGeodetic}. eopool's own code (satellite.js's `eciToGeodetic` is
 * used only as an independent check in tests).
 *
 * @param positionTemeKm Position in SGP4's TEME frame, km.
 * @param timeMs Unix time in milliseconds (UTC, used as UT1).
 * @returns Latitude and longitude in radians, height above WGS84 in km.
 * @throws RangeError when the position is not finite.
 */
export function temeToGeodetic(positionTemeKm: EciVec3<Kilometer>, timeMs: number): Geodetic {
  return ecefToGeodetic(temeToEcef(positionTemeKm, greenwichMeanSiderealTimeRad(timeMs)));
}
