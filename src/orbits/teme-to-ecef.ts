import type { EcfVec3, EciVec3, Kilometer } from 'satellite.js';

/**
 * Rotates a TEME position (SGP4's output frame) into the Earth-fixed frame, km in and out.
 *
 * r_PEF = R3(GMST) r_TEME (Vallado et al., AIAA 2006-6753 Rev 2, eq. C-2 / "TEME to PEF"), with the
 * IAU 1982 GMST of {@link greenwichMeanSiderealTimeRad}. Polar motion (PEF to ITRF, under 15 m at the
 * surface) is left out: the revisit model's errors are kilometres.
 *
 * @param positionTemeKm Position in TEME, km.
 * @param gmstRad Greenwich mean sidereal time, radians.
 * @returns Position in the pseudo-Earth-fixed frame (taken as ECEF), km.
 */
export function temeToEcef(positionTemeKm: EciVec3<Kilometer>, gmstRad: number): EcfVec3<Kilometer> {
  const c = Math.cos(gmstRad);
  const s = Math.sin(gmstRad);
  return {
    x: c * positionTemeKm.x + s * positionTemeKm.y,
    y: -s * positionTemeKm.x + c * positionTemeKm.y,
    z: positionTemeKm.z,
  };
}
