/**
 * orbits/: pure orbit geometry. TLE parsing and checks, SGP4 propagation (satellite.js) into
 * Earth-fixed ground tracks, WGS84 geodetic conversion, the Sun's position, and swath and
 * field-of-regard geometry on a sphere of radius 6371.0088 km. No I/O. Angles are radians inside,
 * converted with `degToRad` / `radToDeg` at the edges; times are Unix milliseconds, UTC.
 */
export { degToRad, radToDeg } from './angle-units.js';
export { closestApproaches, createClosestApproaches, type ClosestApproaches } from './closest-approaches.js';
export { EARTH } from './earth.js';
export { ecefToGeodetic, type Geodetic } from './ecef-to-geodetic.js';
export { greatCircleDistanceKm } from './great-circle-distance.js';
export { greenwichMeanSiderealTimeRad } from './greenwich-mean-sidereal-time.js';
export { groundRangeKmForOffNadir } from './ground-range-for-off-nadir.js';
export {
  groundTrackArcs,
  type GroundTrackArc,
  type GroundTrackArcOptions,
  type GroundTrackArcStats,
} from './ground-track-arcs.js';
export { julianDate, julianDateToMs } from './julian-date.js';
export { offNadirRadForGroundRange } from './off-nadir-for-ground-range.js';
export { parseTle, type Tle, type TleCheck, type TleErrorDetails } from './parse-tle.js';
export { parseTleFile, type TleFile, type TleFileError } from './parse-tle-file.js';
export { sunDirectionEcef } from './sun-direction-ecef.js';
export { sunElevationRad } from './sun-elevation.js';
export { sunPosition, type SunPosition } from './sun-position.js';
export { temeToEcef } from './teme-to-ecef.js';
export { temeToGeodetic } from './teme-to-geodetic.js';
export { tleChecksum } from './tle-checksum.js';
