import { InvalidRequestError } from '../../errors.js';
import { EARTH_SEMI_MAJOR_RANGE_M, type GeographicDefinition } from './crs-definition.js';

interface Ellipsoid {
  name: string;
  semiMajorM: number;
  inverseFlattening: number;
}

/** EPSG ellipsoids GeoTIFF writers name by code (EPSG dataset values). */
const ELLIPSOIDS: Record<number, Ellipsoid> = {
  7001: { name: 'Airy 1830', semiMajorM: 6377563.396, inverseFlattening: 299.3249646 },
  7004: { name: 'Bessel 1841', semiMajorM: 6377397.155, inverseFlattening: 299.1528128 },
  7008: { name: 'Clarke 1866', semiMajorM: 6378206.4, inverseFlattening: 294.978698213898 },
  7019: { name: 'GRS 1980', semiMajorM: 6378137, inverseFlattening: 298.257222101 },
  7022: { name: 'International 1924', semiMajorM: 6378388, inverseFlattening: 297 },
  7024: { name: 'Krassowsky 1940', semiMajorM: 6378245, inverseFlattening: 298.3 },
  7030: { name: 'WGS 84', semiMajorM: 6378137, inverseFlattening: 298.257223563 },
  7043: { name: 'WGS 72', semiMajorM: 6378135, inverseFlattening: 298.26 },
  7044: { name: 'CGCS2000', semiMajorM: 6378137, inverseFlattening: 298.257222101 },
  7035: { name: 'Sphere', semiMajorM: 6371000, inverseFlattening: 0 },
  7047: { name: 'GRS 1980 Authalic Sphere', semiMajorM: 6370997, inverseFlattening: 0 },
};

/** EPSG geodetic datums: name and ellipsoid; ESRI's `D_` names map onto them. */
const DATUMS: Record<number, { name: string; esri: string; ellipsoid: number }> = {
  6326: { name: 'World Geodetic System 1984', esri: 'D_WGS_1984', ellipsoid: 7030 },
  6322: { name: 'World Geodetic System 1972', esri: 'D_WGS_1972', ellipsoid: 7043 },
  6269: { name: 'North American Datum 1983', esri: 'D_North_American_1983', ellipsoid: 7019 },
  6267: { name: 'North American Datum 1927', esri: 'D_North_American_1927', ellipsoid: 7008 },
  6258: { name: 'European Terrestrial Reference System 1989', esri: 'D_ETRS_1989', ellipsoid: 7019 },
  6230: { name: 'European Datum 1950', esri: 'D_European_1950', ellipsoid: 7022 },
  6284: { name: 'Pulkovo 1942', esri: 'D_Pulkovo_1942', ellipsoid: 7024 },
  6283: { name: 'Geocentric Datum of Australia 1994', esri: 'D_GDA_1994', ellipsoid: 7019 },
  6277: { name: 'Ordnance Survey of Great Britain 1936', esri: 'D_OSGB_1936', ellipsoid: 7001 },
  1043: { name: 'China 2000', esri: 'D_China_2000', ellipsoid: 7044 },
};

/** EPSG geographic CRSs and their datums. */
const GEOGRAPHIC_CRSS: Record<number, { name: string; datum: number }> = {
  4326: { name: 'WGS 84', datum: 6326 },
  4322: { name: 'WGS 72', datum: 6322 },
  4269: { name: 'NAD83', datum: 6269 },
  4267: { name: 'NAD27', datum: 6267 },
  4258: { name: 'ETRS89', datum: 6258 },
  4230: { name: 'ED50', datum: 6230 },
  4284: { name: 'Pulkovo 1942', datum: 6284 },
  4283: { name: 'GDA94', datum: 6283 },
  4277: { name: 'OSGB36', datum: 6277 },
  4490: { name: 'China Geodetic Coordinate System 2000', datum: 1043 },
};

/** An EPSG ellipsoid by code, or undefined. */
export function knownEllipsoid(code: number): Ellipsoid | undefined {
  return ELLIPSOIDS[code];
}

/** An EPSG datum by code as a definition part (with its ellipsoid), or undefined. */
export function knownDatum(code: number): Pick<GeographicDefinition, 'datum' | 'ellipsoid'> | undefined {
  const datum = DATUMS[code];
  const ellipsoid = datum === undefined ? undefined : ELLIPSOIDS[datum.ellipsoid];
  if (datum === undefined || ellipsoid === undefined) return undefined;
  return { datum: { name: datum.name, epsg: code }, ellipsoid };
}

/** An EPSG geographic CRS by code as a definition, or undefined. */
export function knownGeographicCrs(code: number): GeographicDefinition | undefined {
  const crs = GEOGRAPHIC_CRSS[code];
  const datum = crs === undefined ? undefined : knownDatum(crs.datum);
  if (crs === undefined || datum === undefined) return undefined;
  return { name: crs.name, ...datum, primeMeridianDeg: 0, epsg: code };
}

/** The EPSG datum an ESRI datum name (`D_North_American_1983`) stands for, or undefined. */
export function datumOfEsriName(name: string): GeographicDefinition['datum'] | undefined {
  const entry = Object.entries(DATUMS).find(([, d]) => d.esri.toLowerCase() === name.toLowerCase() || d.name.toLowerCase() === name.toLowerCase());
  return entry === undefined ? undefined : { name: entry[1].name, epsg: Number(entry[0]) };
}

/**
 * Refuse a CRS whose ellipsoid is not the Earth's (a Mars or Moon CRS): no WGS 84 footprint can be
 * derived from it, and PROJ would not say so for every such CRS.
 *
 * @throws InvalidRequestError `GeoTiffNotOnEarth`
 */
export function assertOnEarth(ellipsoid: { name: string; semiMajorM: number }, crsName: string): void {
  const [low, high] = EARTH_SEMI_MAJOR_RANGE_M;
  if (!(ellipsoid.semiMajorM >= low && ellipsoid.semiMajorM <= high)) {
    throw new InvalidRequestError(
      'GeoTiffNotOnEarth',
      `the file's CRS "${crsName}" is not on the Earth (ellipsoid "${ellipsoid.name}" with a semi-major axis of ` +
        `${Math.round(ellipsoid.semiMajorM / 1000)} km): no WGS 84 footprint can be derived`,
    );
  }
}
