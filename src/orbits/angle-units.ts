/**
 * Degree and radian conversion, the only place angles change unit: inside `orbits/` angles are radians
 * (STYLE 7), and the API speaks degrees. Both names live here because neither is useful alone.
 */
const DEG_PER_RAD = 180 / Math.PI;

/** Degrees to radians. */
export function degToRad(angleDeg: number): number {
  return angleDeg / DEG_PER_RAD;
}

/** Radians to degrees. */
export function radToDeg(angleRad: number): number {
  return angleRad * DEG_PER_RAD;
}
