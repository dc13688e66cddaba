/**
 * Plain, serialisable inputs of the revisit core (so a computation can be posted to a worker
 * thread as is). Satellite fields use the snake_case names of the `satellites` table and API.
 */

/** A GeoJSON Polygon or MultiPolygon (RFC 7946), longitude then latitude in degrees. */
export type TerritoryGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** `nadir`: half the swath either side of the ground track. `agile`: plus the ground range reached at the field-of-regard angle. */
export type ObservationMode = 'nadir' | 'agile';

/** A satellite as the revisit core needs it. */
export interface RevisitSatellite {
  norad_id: number;
  name: string;
  /** ISO 3166 alpha-2 code of the SCO member operating it, or another operator code, or null. */
  member: string | null;
  /** Optical sensors need daylight; SAR sees day and night. */
  sensor: 'optical' | 'sar';
  /** Nadir swath, km, positive. */
  swath_km: number;
  /** Largest off-nadir (roll) angle, degrees, or null when not agile. */
  field_of_regard_deg: number | null;
  /** TLE lines 1 and 2. */
  tle: readonly [string, string] | readonly string[];
}

/** What to compute: accesses of a territory's grid by some satellites over a window. */
export interface RevisitInput {
  territory: TerritoryGeometry;
  satellites: readonly RevisitSatellite[];
  /** Window start, a Date or Unix ms (UTC). */
  windowStart: Date | number;
  /** Window length, days, in (0, 366]. */
  days: number;
  /** Default `nadir`. */
  mode?: ObservationMode;
  /** Grid spacing, km; default {@link defaultGridKm} of the territory's area. */
  gridKm?: number;
  /** Least Sun elevation for an optical access, degrees; default 10. */
  sunElevationMinDeg?: number;
  /** Refuse grids with more points than this (InvalidRequestError `TooManyGridPoints`). */
  maxGridPoints?: number;
  /** Propagation steps, s; defaults 120 (coarse) and 60 (fine), see `groundTrackArcs`. For tests and benchmarks. */
  coarseStepS?: number;
  fineStepS?: number;
}
