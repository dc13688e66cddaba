// The WKT2 eopool writes for CRSs without an EPSG code must mean to PROJ (through PostGIS) what the
// equivalent PROJ string means: each method is checked by transforming one point both ways.
import { sql } from 'kysely';
import t from 'tap';
import type { CrsDefinition, ProjectionDefinition } from '../../../src/ingest/geotiff/crs-definition.js';
import { METRE } from '../../../src/ingest/geotiff/crs-definition.js';
import { crsWkt2 } from '../../../src/ingest/geotiff/crs-wkt2.js';
import { createTestDatabase } from '../../helpers/test-app.js';

const { db } = await createTestDatabase(t);
const WGS84 = {
  name: 'WGS 84',
  datum: { name: 'World Geodetic System 1984', epsg: 6326 },
  ellipsoid: { name: 'WGS 84', semiMajorM: 6378137, inverseFlattening: 298.257223563 },
  primeMeridianDeg: 0,
  epsg: 4326,
};
const toleranceDeg = 1e-9;

const cases: [string, Omit<ProjectionDefinition, 'linearUnit'>, string, [number, number]][] = [
  ['transverse Mercator', { method: 'transverseMercator', parameters: { longitudeOfOrigin: 9, scaleFactor: 0.9996, falseEasting: 500000 } }, '+proj=tmerc +lon_0=9 +k_0=0.9996 +x_0=500000', [612345, 5412345]],
  ['Mercator A', { method: 'mercatorA', parameters: { longitudeOfOrigin: 100, scaleFactor: 0.997 } }, '+proj=merc +lon_0=100 +k_0=0.997', [123456, 234567]],
  ['Mercator B', { method: 'mercatorB', parameters: { standardParallel1: 41, longitudeOfOrigin: 51 } }, '+proj=merc +lat_ts=41 +lon_0=51', [123456, 4234567]],
  ['LCC 1SP', { method: 'lambertConformalConic1SP', parameters: { latitudeOfOrigin: 46.5, longitudeOfOrigin: 3, scaleFactor: 0.99987742, falseEasting: 600000, falseNorthing: 2200000 } }, '+proj=lcc +lat_1=46.5 +lat_0=46.5 +lon_0=3 +k_0=0.99987742 +x_0=600000 +y_0=2200000', [650000, 2300000]],
  ['LCC 2SP', { method: 'lambertConformalConic2SP', parameters: { latitudeOfFalseOrigin: 40, longitudeOfFalseOrigin: 70, standardParallel1: 36, standardParallel2: 48 } }, '+proj=lcc +lat_0=40 +lon_0=70 +lat_1=36 +lat_2=48', [200000, -100000]],
  ['LAEA', { method: 'lambertAzimuthalEqualArea', parameters: { latitudeOfOrigin: 52, longitudeOfOrigin: 10, falseEasting: 4321000, falseNorthing: 3210000 } }, '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000', [5000000, 3500000]],
  ['Albers', { method: 'albersEqualArea', parameters: { latitudeOfFalseOrigin: 30, longitudeOfFalseOrigin: 95, standardParallel1: 15, standardParallel2: 65 } }, '+proj=aea +lat_0=30 +lon_0=95 +lat_1=15 +lat_2=65', [-300000, 500000]],
  ['polar stereographic A', { method: 'polarStereographicA', parameters: { latitudeOfOrigin: 90, longitudeOfOrigin: 0, scaleFactor: 0.994, falseEasting: 2000000, falseNorthing: 2000000 } }, '+proj=stere +lat_0=90 +lon_0=0 +k_0=0.994 +x_0=2000000 +y_0=2000000', [2500000, 1500000]],
  ['polar stereographic B', { method: 'polarStereographicB', parameters: { latitudeOfStandardParallel: 70, longitudeOfPoleOrigin: -45 } }, '+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45', [300000, -1500000]],
  ['oblique stereographic', { method: 'obliqueStereographic', parameters: { latitudeOfOrigin: 52.15616055555555, longitudeOfOrigin: 5.38763888888889, scaleFactor: 0.9999079, falseEasting: 155000, falseNorthing: 463000 } }, '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000', [120000, 480000]],
  ['equidistant cylindrical', { method: 'equidistantCylindrical', parameters: { standardParallel1: 30, longitudeOfOrigin: 60 } }, '+proj=eqc +lat_ts=30 +lon_0=60', [1000000, 2000000]],
  ['sinusoidal', { method: 'sinusoidal', parameters: { longitudeOfOrigin: 0 } }, '+proj=sinu +lon_0=0', [7000000, 4000000]],
  ['geostationary (sweep y)', { method: 'geostationarySweepY', parameters: { longitudeOfOrigin: 140.7, satelliteHeight: 35785863 } }, '+proj=geos +lon_0=140.7 +h=35785863 +sweep=y', [1000000, 2000000]],
];

for (const [name, projection, proj, [x, y]] of cases) {
  t.test(`${name}: WKT2 and PROJ string agree`, async (t) => {
    const definition: CrsDefinition = { name, geographic: WGS84, projection: { ...projection, linearUnit: METRE } };
    const wkt2 = crsWkt2(definition);
    const { rows } = await sql<{ a: string; b: string }>`
      SELECT ST_AsGeoJSON(ST_Transform(ST_MakePoint(${x}, ${y}), ${wkt2}, 4326), 12) AS a,
             ST_AsGeoJSON(ST_Transform(ST_MakePoint(${x}, ${y}), ${`${proj} +datum=WGS84 +units=m +no_defs`}, 4326), 12) AS b`.execute(db);
    const [a, b] = [rows[0]!.a, rows[0]!.b].map((g) => JSON.parse(g).coordinates as number[]);
    t.ok(Math.abs(a![0]! - b![0]!) < toleranceDeg && Math.abs(a![1]! - b![1]!) < toleranceDeg, `${JSON.stringify(a)} = ${JSON.stringify(b)}`);
  });
}

t.test('a missing required parameter is refused', async (t) => {
  t.throws(
    () => crsWkt2({ name: 'x', geographic: WGS84, projection: { method: 'albersEqualArea', parameters: {}, linearUnit: METRE } }),
    { code: 'GeoTiffCrsNotSupported', message: /Latitude of 1st standard parallel/ },
  );
});
