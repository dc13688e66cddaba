import { gstime } from 'satellite.js';
import { julianDate } from './julian-date.js';

/**
 * Greenwich mean sidereal time in radians, [0, 2 pi), at a Unix time in milliseconds.
 *
 * IAU 1982 GMST (Vallado 2004, eq. 3-45) via satellite.js `gstime`, the angle that turns SGP4's TEME
 * frame into the pseudo-Earth-fixed frame (AIAA 2006-6753, sec. "TEME"). The time is UTC used as
 * UT1; the 0.9 s worst case turns the Earth by 0.004 deg.
 */
export function greenwichMeanSiderealTimeRad(timeMs: number): number {
  return gstime(julianDate(timeMs));
}
