/**
 * A coordinate reference system given by its parameters, for files whose CRS has no EPSG code:
 * built from their GeoKeys or their ESRI WKT, written out as WKT2 for `proj:wkt2` and for PostGIS.
 */
export interface CrsDefinition {
  name: string;
  geographic: GeographicDefinition;
  /** Null for a geographic CRS (longitude, latitude in degrees). */
  projection: ProjectionDefinition | null;
}

export interface GeographicDefinition {
  name: string;
  datum: { name: string; epsg: number | null };
  ellipsoid: { name: string; semiMajorM: number; /** 0 for a sphere. */ inverseFlattening: number };
  primeMeridianDeg: number;
  /** The EPSG code of the geographic CRS itself, when the file names one. */
  epsg: number | null;
}

export interface ProjectionDefinition {
  method: ProjectionMethodName;
  /** Angles in degrees; lengths in `linearUnit`. */
  parameters: Partial<Record<ParameterName, number>>;
  linearUnit: LinearUnit;
}

export interface LinearUnit {
  name: string;
  metres: number;
}

export const METRE: LinearUnit = { name: 'metre', metres: 1 };

export type ParameterName =
  | 'latitudeOfOrigin'
  | 'longitudeOfOrigin'
  | 'scaleFactor'
  | 'falseEasting'
  | 'falseNorthing'
  | 'latitudeOfFalseOrigin'
  | 'longitudeOfFalseOrigin'
  | 'standardParallel1'
  | 'standardParallel2'
  | 'eastingAtFalseOrigin'
  | 'northingAtFalseOrigin'
  | 'latitudeOfStandardParallel'
  | 'longitudeOfPoleOrigin'
  | 'satelliteHeight';

/** How each parameter is written in WKT2: its EPSG name and id, and whether it is an angle. */
export const PARAMETERS: Record<ParameterName, { wkt: string; epsg: number | null; kind: 'angle' | 'length' | 'scale' }> = {
  latitudeOfOrigin: { wkt: 'Latitude of natural origin', epsg: 8801, kind: 'angle' },
  longitudeOfOrigin: { wkt: 'Longitude of natural origin', epsg: 8802, kind: 'angle' },
  scaleFactor: { wkt: 'Scale factor at natural origin', epsg: 8805, kind: 'scale' },
  falseEasting: { wkt: 'False easting', epsg: 8806, kind: 'length' },
  falseNorthing: { wkt: 'False northing', epsg: 8807, kind: 'length' },
  latitudeOfFalseOrigin: { wkt: 'Latitude of false origin', epsg: 8821, kind: 'angle' },
  longitudeOfFalseOrigin: { wkt: 'Longitude of false origin', epsg: 8822, kind: 'angle' },
  standardParallel1: { wkt: 'Latitude of 1st standard parallel', epsg: 8823, kind: 'angle' },
  standardParallel2: { wkt: 'Latitude of 2nd standard parallel', epsg: 8824, kind: 'angle' },
  eastingAtFalseOrigin: { wkt: 'Easting at false origin', epsg: 8826, kind: 'length' },
  northingAtFalseOrigin: { wkt: 'Northing at false origin', epsg: 8827, kind: 'length' },
  latitudeOfStandardParallel: { wkt: 'Latitude of standard parallel', epsg: 8832, kind: 'angle' },
  longitudeOfPoleOrigin: { wkt: 'Longitude of origin', epsg: 8833, kind: 'angle' },
  satelliteHeight: { wkt: 'Satellite Height', epsg: null, kind: 'length' },
};

/**
 * The projection methods eopool can describe without an EPSG code: the WKT2 method (EPSG name and
 * id, or PROJ's name where EPSG has none) and its parameters in order, with defaults for those a
 * file may leave out.
 */
export const PROJECTION_METHODS = {
  transverseMercator: {
    wkt: 'Transverse Mercator',
    epsg: 9807,
    parameters: ['latitudeOfOrigin', 'longitudeOfOrigin', 'scaleFactor', 'falseEasting', 'falseNorthing'],
  },
  mercatorA: {
    wkt: 'Mercator (variant A)',
    epsg: 9804,
    parameters: ['latitudeOfOrigin', 'longitudeOfOrigin', 'scaleFactor', 'falseEasting', 'falseNorthing'],
  },
  mercatorB: { wkt: 'Mercator (variant B)', epsg: 9805, parameters: ['standardParallel1', 'longitudeOfOrigin', 'falseEasting', 'falseNorthing'] },
  lambertConformalConic1SP: {
    wkt: 'Lambert Conic Conformal (1SP)',
    epsg: 9801,
    parameters: ['latitudeOfOrigin', 'longitudeOfOrigin', 'scaleFactor', 'falseEasting', 'falseNorthing'],
  },
  lambertConformalConic2SP: {
    wkt: 'Lambert Conic Conformal (2SP)',
    epsg: 9802,
    parameters: ['latitudeOfFalseOrigin', 'longitudeOfFalseOrigin', 'standardParallel1', 'standardParallel2', 'eastingAtFalseOrigin', 'northingAtFalseOrigin'],
  },
  lambertAzimuthalEqualArea: {
    wkt: 'Lambert Azimuthal Equal Area',
    epsg: 9820,
    parameters: ['latitudeOfOrigin', 'longitudeOfOrigin', 'falseEasting', 'falseNorthing'],
  },
  albersEqualArea: {
    wkt: 'Albers Equal Area',
    epsg: 9822,
    parameters: ['latitudeOfFalseOrigin', 'longitudeOfFalseOrigin', 'standardParallel1', 'standardParallel2', 'eastingAtFalseOrigin', 'northingAtFalseOrigin'],
  },
  polarStereographicA: {
    wkt: 'Polar Stereographic (variant A)',
    epsg: 9810,
    parameters: ['latitudeOfOrigin', 'longitudeOfOrigin', 'scaleFactor', 'falseEasting', 'falseNorthing'],
  },
  polarStereographicB: {
    wkt: 'Polar Stereographic (variant B)',
    epsg: 9829,
    parameters: ['latitudeOfStandardParallel', 'longitudeOfPoleOrigin', 'falseEasting', 'falseNorthing'],
  },
  obliqueStereographic: {
    wkt: 'Oblique Stereographic',
    epsg: 9809,
    parameters: ['latitudeOfOrigin', 'longitudeOfOrigin', 'scaleFactor', 'falseEasting', 'falseNorthing'],
  },
  equidistantCylindrical: {
    wkt: 'Equidistant Cylindrical',
    epsg: 1028,
    parameters: ['standardParallel1', 'longitudeOfOrigin', 'falseEasting', 'falseNorthing'],
  },
  sinusoidal: { wkt: 'Sinusoidal', epsg: null, parameters: ['longitudeOfOrigin', 'falseEasting', 'falseNorthing'] },
  geostationarySweepX: {
    wkt: 'Geostationary Satellite (Sweep X)',
    epsg: null,
    parameters: ['longitudeOfOrigin', 'satelliteHeight', 'falseEasting', 'falseNorthing'],
  },
  geostationarySweepY: {
    wkt: 'Geostationary Satellite (Sweep Y)',
    epsg: null,
    parameters: ['longitudeOfOrigin', 'satelliteHeight', 'falseEasting', 'falseNorthing'],
  },
} as const satisfies Record<string, { wkt: string; epsg: number | null; parameters: readonly ParameterName[] }>;

export type ProjectionMethodName = keyof typeof PROJECTION_METHODS;

/** Defaults of parameters a definition may omit; a parameter with none is required. */
export const PARAMETER_DEFAULTS: Partial<Record<ParameterName, number>> = {
  latitudeOfOrigin: 0,
  longitudeOfOrigin: 0,
  scaleFactor: 1,
  falseEasting: 0,
  falseNorthing: 0,
  latitudeOfFalseOrigin: 0,
  longitudeOfFalseOrigin: 0,
  eastingAtFalseOrigin: 0,
  northingAtFalseOrigin: 0,
  longitudeOfPoleOrigin: 0,
};

/** Semi-major axes of Earth ellipsoids and spheres lie within this range (metres); Mars's is 3,396 km. */
export const EARTH_SEMI_MAJOR_RANGE_M: readonly [number, number] = [6_350_000, 6_400_000];
