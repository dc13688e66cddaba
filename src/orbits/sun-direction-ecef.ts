import type { EcfVec3 } from 'satellite.js';
import { greenwichMeanSiderealTimeRad } from './greenwich-mean-sidereal-time.js';
import { sunPosition } from './sun-position.js';

/**
 * Unit vector towards the Sun in the Earth-fixed frame (dimensionless), from {@link sunPosition}
 * turned by the IAU 1982 GMST: the Sun's Greenwich hour angle is GMST - alpha, so its Earth-fixed
 * longitude is alpha - GMST. GMST stands in for apparent sidereal time (their difference, the
 * equation of the equinoxes, is at most 1.2 s of time, 0.005 deg).
 *
 * @param timeMs Unix time in milliseconds (UTC).
 */
export function sunDirectionEcef(timeMs: number): EcfVec3<number> {
  const { rightAscensionRad, declinationRad } = sunPosition(timeMs);
  const longitudeRad = rightAscensionRad - greenwichMeanSiderealTimeRad(timeMs);
  const cosDec = Math.cos(declinationRad);
  return {
    x: cosDec * Math.cos(longitudeRad),
    y: cosDec * Math.sin(longitudeRad),
    z: Math.sin(declinationRad),
  };
}
