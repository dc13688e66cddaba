import { EARTH } from './earth.js';

/**
 * Ground distance from the sub-satellite point to where a line of sight tilted by an off-nadir angle
 * meets a spherical Earth (radius 6371.0088 km), km.
 *
 * Sine rule in the triangle Earth centre - satellite - target: the Earth central angle is
 * lambda = asin((R + h) sin(eta) / R) - eta and the ground range R lambda (Wertz and Larson, Space
 * Mission Analysis and Design, 3rd ed., sec. 5.1). An angle beyond the Earth's limb gives the
 * horizon distance R acos(R / (R + h)).
 *
 * @param offNadirRad Off-nadir angle, radians, in [0, pi/2).
 * @param altitudeKm Satellite height above the surface, km, positive.
 * @throws RangeError for an angle outside [0, pi/2) or a height not above 0.
 */
export function groundRangeKmForOffNadir(offNadirRad: number, altitudeKm: number): number {
  if (!(offNadirRad >= 0 && offNadirRad < Math.PI / 2)) {
    throw new RangeError(`groundRangeKmForOffNadir: off-nadir angle must be in [0, pi/2) rad, got ${offNadirRad}`);
  }
  if (!(altitudeKm > 0)) throw new RangeError(`groundRangeKmForOffNadir: altitude must be > 0 km, got ${altitudeKm}`);
  const r = EARTH.meanRadiusKm;
  const sinTarget = ((r + altitudeKm) / r) * Math.sin(offNadirRad);
  if (sinTarget >= 1) return r * Math.acos(r / (r + altitudeKm));
  return r * (Math.asin(sinTarget) - offNadirRad);
}
