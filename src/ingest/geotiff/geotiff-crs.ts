import { InvalidRequestError } from '../../errors.js';
import { type CrsDefinition, type GeographicDefinition, type LinearUnit, METRE, type ProjectionDefinition } from './crs-definition.js';
import { crsWkt2 } from './crs-wkt2.js';
import { assertOnEarth, knownDatum, knownEllipsoid, knownGeographicCrs } from './known-geodetic.js';
import { parseWkt1 } from './parse-wkt1.js';
import { wkt1CrsDefinition } from './wkt1-crs-definition.js';

/** A file's GeoKeys by name, as geotiff.js parses them. */
export type GeoKeys = Partial<Record<string, unknown>>;

/** The CRS of a GeoTIFF as eopool describes and transforms it. */
export interface GeotiffCrs {
  /** `EPSG:32618`, or null when the file's CRS has no EPSG code. */
  code: string | null;
  /** The WKT2 of a CRS without an EPSG code (null with a code). */
  wkt2: string | null;
  /** The file's own name for it (its citation), or null. */
  name: string | null;
  /** What PostGIS ST_Transform reads the CRS from: `EPSG:n`, or the WKT2. */
  transformFrom: string;
}

const USER_DEFINED = 32767;
const MODEL_PROJECTED = 1;
const MODEL_GEOGRAPHIC = 2;
const MODEL_GEOCENTRIC = 3;
const ESRI_PE = /ESRI PE String = (.*)$/s;

/** GeoTIFF ProjLinearUnitsGeoKey codes (EPSG units of length). */
const LINEAR_UNITS: Record<number, LinearUnit> = {
  9001: METRE,
  9002: { name: 'foot', metres: 0.3048 },
  9003: { name: 'US survey foot', metres: 1200 / 3937 },
  9036: { name: 'kilometre', metres: 1000 },
};

/** GeoTIFF GeogAngularUnitsGeoKey codes: degrees per unit. */
const ANGULAR_UNITS: Record<number, number> = { 9101: 180 / Math.PI, 9102: 1, 9105: 0.9, 9122: 1 };

/**
 * The CRS of a GeoTIFF from its GeoKeys: the EPSG code of a projected or geographic CRS when the
 * file names one; else a definition written as WKT2, read from an ESRI PE string in a citation
 * (what GDAL writes for CRSs without a code) or from the GeoKeys' parameters (UTM zones by
 * ProjectionGeoKey, or ProjCoordTransGeoKey with its parameters).
 *
 * @throws InvalidRequestError `GeoTiffNoCrs` (no GeoKeys, or none that name a CRS)
 * @throws InvalidRequestError `GeoTiffNotOnEarth` (an ellipsoid that is not the Earth's)
 * @throws InvalidRequestError `GeoTiffCrsNotSupported` (geocentric, or a projection eopool cannot describe)
 */
export function geotiffCrs(keys: GeoKeys | null): GeotiffCrs {
  if (keys === null || Object.keys(keys).length === 0) {
    throw new InvalidRequestError('GeoTiffNoCrs', 'the file has no CRS (no GeoKeys): its footprint cannot be placed on the Earth');
  }
  const model = num(keys.GTModelTypeGeoKey);
  const name = citation(keys.GTCitationGeoKey) ?? citation(keys.PCSCitationGeoKey);
  if (model === MODEL_GEOCENTRIC) throw notSupported('a geocentric CRS');
  const projected = num(keys.ProjectedCSTypeGeoKey);
  if (projected !== undefined && projected > 0 && projected < USER_DEFINED) return withCode(projected, name);
  const geographic = num(keys.GeographicTypeGeoKey);
  if (model === MODEL_GEOGRAPHIC && geographic !== undefined && geographic > 0 && geographic < USER_DEFINED) return withCode(geographic, name);

  const esri = [keys.PCSCitationGeoKey, keys.GTCitationGeoKey, keys.GeogCitationGeoKey]
    .map((c) => (typeof c === 'string' ? ESRI_PE.exec(c)?.[1]?.replace(/\|+$/, '') : undefined))
    .find((c) => c !== undefined);
  if (esri !== undefined) {
    const node = parseWkt1(esri);
    if (node === null) throw notSupported('the ESRI WKT in its citation, which does not parse');
    return withDefinition(wkt1CrsDefinition(node));
  }
  const hasProjection = num(keys.ProjectionGeoKey) !== undefined || num(keys.ProjCoordTransGeoKey) !== undefined;
  if (model === undefined && geographic === undefined && !hasProjection) {
    throw new InvalidRequestError('GeoTiffNoCrs', 'the file\'s GeoKeys name no CRS: its footprint cannot be placed on the Earth');
  }
  const base = geographicOfKeys(keys);
  if (model === MODEL_GEOGRAPHIC || (!hasProjection && model !== MODEL_PROJECTED)) {
    return withDefinition({ name: name ?? base.name, geographic: base, projection: null });
  }
  if (!hasProjection) throw notSupported('a projected CRS whose GeoKeys give no projection');
  return withDefinition({ name: name ?? 'unnamed', geographic: base, projection: projectionOfKeys(keys) });
}

function withCode(code: number, name: string | null): GeotiffCrs {
  return { code: `EPSG:${code}`, wkt2: null, name, transformFrom: `EPSG:${code}` };
}

function withDefinition(definition: CrsDefinition): GeotiffCrs {
  const wkt2 = crsWkt2(definition);
  return { code: null, wkt2, name: definition.name, transformFrom: wkt2 };
}

function geographicOfKeys(keys: GeoKeys): GeographicDefinition {
  const code = num(keys.GeographicTypeGeoKey);
  const gcsCitation = citation(keys.GeogCitationGeoKey) ?? '';
  if (code !== undefined && code > 0 && code < USER_DEFINED) {
    const known = knownGeographicCrs(code);
    if (known === undefined) throw notSupported(`a projection on the geographic CRS EPSG:${code}`);
    return known;
  }
  const datumCode = num(keys.GeogGeodeticDatumGeoKey);
  const datum = datumCode === undefined ? undefined : knownDatum(datumCode);
  const ellipsoidCode = num(keys.GeogEllipsoidGeoKey);
  const semiMajorM = num(keys.GeogSemiMajorAxisGeoKey);
  const inverse = num(keys.GeogInvFlatteningGeoKey);
  const semiMinorM = num(keys.GeogSemiMinorAxisGeoKey);
  const ellipsoid =
    (ellipsoidCode === undefined ? undefined : knownEllipsoid(ellipsoidCode)) ??
    (semiMajorM === undefined
      ? datum?.ellipsoid
      : {
          name: part(gcsCitation, 'Ellipsoid') ?? 'unnamed',
          semiMajorM,
          inverseFlattening: inverse ?? (semiMinorM === undefined || semiMinorM === semiMajorM ? 0 : semiMajorM / (semiMajorM - semiMinorM)),
        });
  const gcsName = part(gcsCitation, 'GCS Name') ?? (gcsCitation || 'unnamed');
  if (ellipsoid === undefined) throw notSupported(`the geographic CRS "${gcsName}", whose GeoKeys give no ellipsoid`);
  assertOnEarth(ellipsoid, gcsName);
  const degreesPerUnit = angularUnit(keys);
  return {
    name: gcsName,
    datum: datum?.datum ?? { name: part(gcsCitation, 'Datum') ?? 'unknown', epsg: null },
    ellipsoid,
    primeMeridianDeg: (num(keys.GeogPrimeMeridianLongGeoKey) ?? 0) * degreesPerUnit,
    epsg: null,
  };
}

function projectionOfKeys(keys: GeoKeys): ProjectionDefinition {
  const linearUnit = linearUnitOf(keys);
  const projection = num(keys.ProjectionGeoKey);
  if (projection !== undefined && projection !== USER_DEFINED) {
    // EPSG conversions 16001–16060 and 16101–16160 are the UTM zones, north and south.
    const zone = projection % 100;
    const south = projection >= 16101 && projection <= 16160;
    if (!(south || (projection >= 16001 && projection <= 16060)) || zone < 1 || zone > 60) {
      throw notSupported(`the EPSG projection ${projection} (only UTM zones are described without an EPSG CRS code)`);
    }
    return {
      method: 'transverseMercator',
      parameters: { latitudeOfOrigin: 0, longitudeOfOrigin: zone * 6 - 183, scaleFactor: 0.9996, falseEasting: 500_000, falseNorthing: south ? 10_000_000 : 0 },
      linearUnit: METRE,
    };
  }
  const d = angularUnit(keys);
  const angle = (...names: string[]) => {
    const value = names.map((n) => num(keys[n])).find((v) => v !== undefined);
    return value === undefined ? undefined : value * d;
  };
  const length = (...names: string[]) => names.map((n) => num(keys[n])).find((v) => v !== undefined);
  const lat0 = angle('ProjNatOriginLatGeoKey', 'ProjFalseOriginLatGeoKey', 'ProjCenterLatGeoKey');
  const lon0 = angle('ProjNatOriginLongGeoKey', 'ProjFalseOriginLongGeoKey', 'ProjCenterLongGeoKey');
  const scale = length('ProjScaleAtNatOriginGeoKey', 'ProjScaleAtCenterGeoKey');
  const fe = length('ProjFalseEastingGeoKey', 'ProjFalseOriginEastingGeoKey', 'ProjCenterEastingGeoKey');
  const fn = length('ProjFalseNorthingGeoKey', 'ProjFalseOriginNorthingGeoKey', 'ProjCenterNorthingGeoKey');
  const sp1 = angle('ProjStdParallel1GeoKey');
  const sp2 = angle('ProjStdParallel2GeoKey');
  const natural = { latitudeOfOrigin: lat0, longitudeOfOrigin: lon0, scaleFactor: scale, falseEasting: fe, falseNorthing: fn };
  const conic = {
    latitudeOfFalseOrigin: angle('ProjFalseOriginLatGeoKey', 'ProjNatOriginLatGeoKey', 'ProjCenterLatGeoKey'),
    longitudeOfFalseOrigin: angle('ProjFalseOriginLongGeoKey', 'ProjNatOriginLongGeoKey', 'ProjCenterLongGeoKey'),
    standardParallel1: sp1,
    standardParallel2: sp2,
    eastingAtFalseOrigin: length('ProjFalseOriginEastingGeoKey', 'ProjFalseEastingGeoKey'),
    northingAtFalseOrigin: length('ProjFalseOriginNorthingGeoKey', 'ProjFalseNorthingGeoKey'),
  };
  const transform = num(keys.ProjCoordTransGeoKey);
  const build = (): Pick<ProjectionDefinition, 'method' | 'parameters'> => {
    switch (transform) {
      case 1:
        return { method: 'transverseMercator', parameters: natural };
      case 7:
        return sp1 !== undefined && sp1 !== 0
          ? { method: 'mercatorB', parameters: { standardParallel1: sp1, longitudeOfOrigin: lon0, falseEasting: fe, falseNorthing: fn } }
          : { method: 'mercatorA', parameters: natural };
      case 8:
        return { method: 'lambertConformalConic2SP', parameters: conic };
      case 9:
        return { method: 'lambertConformalConic1SP', parameters: natural };
      case 10:
        return { method: 'lambertAzimuthalEqualArea', parameters: natural };
      case 11:
        return { method: 'albersEqualArea', parameters: conic };
      case 15: {
        const latitude = lat0 ?? 90;
        const longitude = angle('ProjStraightVertPoleLongGeoKey', 'ProjNatOriginLongGeoKey');
        return Math.abs(latitude) === 90
          ? { method: 'polarStereographicA', parameters: { ...natural, latitudeOfOrigin: latitude, longitudeOfOrigin: longitude } }
          : { method: 'polarStereographicB', parameters: { latitudeOfStandardParallel: latitude, longitudeOfPoleOrigin: longitude, falseEasting: fe, falseNorthing: fn } };
      }
      case 16:
        return { method: 'obliqueStereographic', parameters: natural };
      case 17: {
        const latitudeOfOrigin = angle('ProjCenterLatGeoKey', 'ProjNatOriginLatGeoKey') ?? 0;
        if (latitudeOfOrigin !== 0) throw notSupported(`Equirectangular with a latitude of origin of ${latitudeOfOrigin}°`);
        return { method: 'equidistantCylindrical', parameters: { standardParallel1: sp1 ?? 0, longitudeOfOrigin: lon0, falseEasting: fe, falseNorthing: fn } };
      }
      case 24:
        return { method: 'sinusoidal', parameters: natural };
      default:
        throw notSupported(`the GeoTIFF projection ${transform === undefined ? '(none given)' : `method ${transform}`}`);
    }
  };
  const built = build();
  return {
    method: built.method,
    parameters: Object.fromEntries(Object.entries(built.parameters).filter(([, v]) => v !== undefined)),
    linearUnit,
  };
}

function linearUnitOf(keys: GeoKeys): LinearUnit {
  const code = num(keys.ProjLinearUnitsGeoKey);
  if (code === undefined) return METRE;
  if (code === USER_DEFINED) {
    const size = num(keys.ProjLinearUnitSizeGeoKey);
    if (size === undefined) throw notSupported('a user-defined linear unit without its size');
    return { name: 'unnamed', metres: size };
  }
  const unit = LINEAR_UNITS[code];
  if (unit === undefined) throw notSupported(`the linear unit EPSG:${code}`);
  return unit;
}

function angularUnit(keys: GeoKeys): number {
  const code = num(keys.GeogAngularUnitsGeoKey) ?? 9102;
  const degrees = code === USER_DEFINED ? num(keys.GeogAngularUnitSizeGeoKey)! * (180 / Math.PI) : ANGULAR_UNITS[code];
  if (degrees === undefined || Number.isNaN(degrees)) throw notSupported(`the angular unit EPSG:${code}`);
  return degrees;
}

function num(value: unknown): number | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'number' && Number.isFinite(first) ? first : undefined;
}

function citation(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.replace(/\|+$/, '').trim() : null;
}

/** One `Name = value|` part of a GDAL-style GeogCitation (`GCS Name = …|Datum = …|Ellipsoid = …|`). */
function part(text: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\|)${name} = ([^|]*)`).exec(text)?.[1]?.trim();
}

function notSupported(what: string): InvalidRequestError {
  return new InvalidRequestError('GeoTiffCrsNotSupported', `the file's CRS has no EPSG code and eopool cannot describe ${what}`);
}
