import { EARTH } from './earth.js';

/**
 * Off-nadir angle at which a satellite sees a target at a given ground distance from its
 * sub-satellite point, on a spherical Earth (radius 6371.0088 km), radians.
 *
 * With lambda = d / R the Earth central angle: eta = atan2(R sin(lambda), R + h - R cos(lambda))
 * (Wertz and Larson, SMAD 3rd ed., sec. 5.1). A target beyond the satellite's horizon
 * (cos(lambda) < R / (R + h)) still gets its geometric angle, which is then larger than the limb
 * angle asin(R / (R + h)); callers compare with that when it matters.
 *
 * @param groundRangeKm Great-circle distance from the sub-satellite point to the target, km, >= 0.
 * @param altitudeKm Satellite height above the surface, km, positive.
 * @throws RangeError for a negative distance or a height not above 0.
 */
export function offNadirRadForGroundRange(groundRangeKm: number, altitudeKm: number): number {
  if (!(groundRangeKm >= 0)) throw new RangeError(`offNadirRadForGroundRange: distance must be >= 0 km, got ${groundRangeKm}`);
  if (!(altitudeKm > 0)) throw new RangeError(`offNadirRadForGroundRange: altitude must be > 0 km, got ${altitudeKm}`);
  const r = EARTH.meanRadiusKm;
  const lambda = groundRangeKm / r;
  return Math.atan2(r * Math.sin(lambda), r + altitudeKm - r * Math.cos(lambda));
}
