import { InvalidRequestError } from '../../errors.js';
import { type CrsDefinition, type GeographicDefinition, type ParameterName, type ProjectionDefinition, type ProjectionMethodName } from './crs-definition.js';
import { assertOnEarth, datumOfEsriName } from './known-geodetic.js';
import { child, children, type Wkt1Node } from './parse-wkt1.js';

type Parameters = Map<string, number>;
type Build = (p: Parameters, node: Wkt1Node) => Pick<ProjectionDefinition, 'method' | 'parameters'>;

const natural = (method: ProjectionMethodName) => (p: Parameters) => ({
  method,
  parameters: {
    latitudeOfOrigin: p.get('latitude_of_origin') ?? p.get('latitude_of_center'),
    longitudeOfOrigin: p.get('central_meridian') ?? p.get('longitude_of_center'),
    scaleFactor: p.get('scale_factor'),
    falseEasting: p.get('false_easting'),
    falseNorthing: p.get('false_northing'),
  },
});

const conic = (method: ProjectionMethodName) => (p: Parameters) => ({
  method,
  parameters: {
    latitudeOfFalseOrigin: p.get('latitude_of_origin') ?? p.get('latitude_of_center'),
    longitudeOfFalseOrigin: p.get('central_meridian') ?? p.get('longitude_of_center'),
    standardParallel1: p.get('standard_parallel_1'),
    standardParallel2: p.get('standard_parallel_2'),
    eastingAtFalseOrigin: p.get('false_easting'),
    northingAtFalseOrigin: p.get('false_northing'),
  },
});

const polarB = (p: Parameters) => ({
  method: 'polarStereographicB' as const,
  parameters: {
    latitudeOfStandardParallel: p.get('standard_parallel_1') ?? p.get('latitude_of_origin'),
    longitudeOfPoleOrigin: p.get('central_meridian') ?? p.get('longitude_of_center'),
    falseEasting: p.get('false_easting'),
    falseNorthing: p.get('false_northing'),
  },
});

/** WKT1 projection names (OGC and ESRI, lower case) and how their parameters map. */
const PROJECTIONS: Record<string, Build> = {
  transverse_mercator: natural('transverseMercator'),
  mercator: (p) => (p.get('standard_parallel_1') ? mercatorB(p) : natural('mercatorA')(p)),
  mercator_1sp: natural('mercatorA'),
  mercator_2sp: (p) => mercatorB(p),
  lambert_conformal_conic: (p) => (p.has('standard_parallel_2') ? conic('lambertConformalConic2SP')(p) : lcc1(p)),
  lambert_conformal_conic_1sp: (p) => lcc1(p),
  lambert_conformal_conic_2sp: conic('lambertConformalConic2SP'),
  albers: conic('albersEqualArea'),
  albers_conic_equal_area: conic('albersEqualArea'),
  lambert_azimuthal_equal_area: natural('lambertAzimuthalEqualArea'),
  polar_stereographic: (p) => (Math.abs(p.get('latitude_of_origin') ?? 90) === 90 ? natural('polarStereographicA')(p) : polarB(p)),
  stereographic_north_pole: polarB,
  stereographic_south_pole: polarB,
  oblique_stereographic: natural('obliqueStereographic'),
  double_stereographic: natural('obliqueStereographic'),
  equidistant_cylindrical: (p) => equidistantCylindrical(p),
  equirectangular: (p) => equidistantCylindrical(p),
  plate_carree: (p) => equidistantCylindrical(p),
  sinusoidal: natural('sinusoidal'),
  geostationary_satellite: (p, node) => ({
    // ESRI's Geostationary_Satellite sweeps about y unless the PROJ string GDAL appends says x.
    method: /\+sweep=x\b/.test(extensionProj4(node) ?? '') ? 'geostationarySweepX' : 'geostationarySweepY',
    parameters: {
      longitudeOfOrigin: p.get('central_meridian') ?? p.get('longitude_of_center'),
      satelliteHeight: p.get('satellite_height'),
      falseEasting: p.get('false_easting'),
      falseNorthing: p.get('false_northing'),
    },
  }),
};

function mercatorB(p: Parameters) {
  return {
    method: 'mercatorB' as const,
    parameters: {
      standardParallel1: p.get('standard_parallel_1'),
      longitudeOfOrigin: p.get('central_meridian'),
      falseEasting: p.get('false_easting'),
      falseNorthing: p.get('false_northing'),
    },
  };
}

function lcc1(p: Parameters) {
  const built = natural('lambertConformalConic1SP')(p);
  built.parameters.latitudeOfOrigin ??= p.get('standard_parallel_1');
  return built;
}

function equidistantCylindrical(p: Parameters) {
  const latitudeOfOrigin = p.get('latitude_of_origin') ?? 0;
  if (latitudeOfOrigin !== 0) throw notSupported(`Equidistant Cylindrical with a latitude of origin of ${latitudeOfOrigin}°`);
  return {
    method: 'equidistantCylindrical' as const,
    parameters: {
      standardParallel1: p.get('standard_parallel_1') ?? 0,
      longitudeOfOrigin: p.get('central_meridian'),
      falseEasting: p.get('false_easting'),
      falseNorthing: p.get('false_northing'),
    },
  };
}

/**
 * The CRS of a WKT1 `PROJCS` or `GEOGCS` (OGC or ESRI flavour, as GeoTIFF writers store it in a
 * citation key), as a definition eopool can write in WKT2.
 *
 * @throws InvalidRequestError `GeoTiffNotOnEarth` for a Mars, Moon… ellipsoid
 * @throws InvalidRequestError `GeoTiffCrsNotSupported` for another kind of CRS or projection
 */
export function wkt1CrsDefinition(node: Wkt1Node): CrsDefinition {
  const name = typeof node.args[0] === 'string' ? node.args[0] : 'unnamed';
  if (node.keyword === 'GEOGCS') return { name, geographic: geographicOf(node), projection: null };
  if (node.keyword !== 'PROJCS') throw notSupported(`a ${node.keyword} CRS`);
  const geogcs = child(node, 'GEOGCS');
  if (geogcs === undefined) throw notSupported('a PROJCS without its GEOGCS');
  const geographic = geographicOf(geogcs);
  const projectionName = String(child(node, 'PROJECTION')?.args[0] ?? '');
  const build = PROJECTIONS[projectionName.toLowerCase()];
  if (build === undefined) throw notSupported(`the projection "${projectionName}"`);
  const parameters: Parameters = new Map();
  for (const p of children(node, 'PARAMETER')) {
    if (typeof p.args[0] === 'string' && typeof p.args[1] === 'number') parameters.set(p.args[0].toLowerCase(), p.args[1]);
  }
  const unit = child(node, 'UNIT');
  const built = build(parameters, node);
  return {
    name,
    geographic,
    projection: {
      method: built.method,
      parameters: Object.fromEntries(Object.entries(built.parameters).filter(([, v]) => v !== undefined)) as Partial<Record<ParameterName, number>>,
      linearUnit: { name: linearUnitName(unit), metres: typeof unit?.args[1] === 'number' ? unit.args[1] : 1 },
    },
  };
}

function geographicOf(geogcs: Wkt1Node): GeographicDefinition {
  const name = typeof geogcs.args[0] === 'string' ? geogcs.args[0] : 'unnamed';
  const datum = child(geogcs, 'DATUM');
  const spheroid = datum === undefined ? undefined : child(datum, 'SPHEROID');
  const [ellipsoidName, semiMajorM, inverseFlattening] = spheroid?.args ?? [];
  if (typeof semiMajorM !== 'number' || typeof inverseFlattening !== 'number') throw notSupported(`the geographic CRS "${name}" without an ellipsoid`);
  const ellipsoid = { name: String(ellipsoidName ?? 'unnamed'), semiMajorM, inverseFlattening };
  assertOnEarth(ellipsoid, name);
  const datumName = String(datum?.args[0] ?? 'unnamed');
  const authority = datum === undefined ? undefined : child(datum, 'AUTHORITY');
  const primem = child(geogcs, 'PRIMEM');
  const angular = child(geogcs, 'UNIT');
  const degreesPerUnit = typeof angular?.args[1] === 'number' ? (angular.args[1] * 180) / Math.PI : 1;
  return {
    name,
    datum:
      authority?.args[0] === 'EPSG' ? { name: datumName, epsg: Number(authority.args[1]) } : (datumOfEsriName(datumName) ?? { name: datumName, epsg: null }),
    ellipsoid,
    primeMeridianDeg: typeof primem?.args[1] === 'number' ? primem.args[1] * degreesPerUnit : 0,
    epsg: null,
  };
}

/** WKT2 names the metre `metre`; ESRI writes `Meter`. */
function linearUnitName(unit: Wkt1Node | undefined): string {
  const name = typeof unit?.args[0] === 'string' ? unit.args[0] : 'metre';
  return /^met(er|re)$/i.test(name) ? 'metre' : name;
}

/** The PROJ string GDAL appends to ESRI WKT as `EXTENSION["PROJ4", "..."]`. */
function extensionProj4(node: Wkt1Node): string | undefined {
  const extension = children(node, 'EXTENSION').find((e) => e.args[0] === 'PROJ4');
  return typeof extension?.args[1] === 'string' ? extension.args[1] : undefined;
}

function notSupported(what: string): InvalidRequestError {
  return new InvalidRequestError('GeoTiffCrsNotSupported', `the file's CRS has no EPSG code and eopool cannot describe ${what}`);
}
