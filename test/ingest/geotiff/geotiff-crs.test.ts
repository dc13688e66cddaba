import { fileURLToPath } from 'node:url';
import { fromFile } from 'geotiff';
import t from 'tap';
import { geotiffCrs, type GeoKeys } from '../../../src/ingest/geotiff/index.js';
import { parseWkt1 } from '../../../src/ingest/geotiff/parse-wkt1.js';
import { GEOTIFF_DIR } from './geotiff-server.js';

async function keysOf(file: string): Promise<GeoKeys | null> {
  const tiff = await fromFile(fileURLToPath(new URL(file, GEOTIFF_DIR)));
  const keys = (await tiff.getImage()).getGeoKeys();
  await tiff.close();
  return keys;
}

t.test('a file naming an EPSG CRS is described by its code', async (t) => {
  t.match(geotiffCrs(await keysOf('byte_nad27_utm11.tif')), { code: 'EPSG:26711', wkt2: null, transformFrom: 'EPSG:26711' });
  t.match(geotiffCrs(await keysOf('world.rgb.tif')), { code: 'EPSG:4326', wkt2: null });
});

t.test('UTM by ProjectionGeoKey without an EPSG CRS code becomes a Transverse Mercator WKT2', async (t) => {
  const crs = geotiffCrs(await keysOf('utm18_no_epsg.tif'));
  t.equal(crs.code, null);
  t.equal(crs.transformFrom, crs.wkt2);
  t.match(crs.wkt2, /^PROJCRS\["UTM Zone 18, Northern Hemisphere",BASEGEOGCRS\[/);
  t.match(crs.wkt2, /ELLIPSOID\["WGS 84",6378137,298\.257223563/);
  t.match(crs.wkt2, /METHOD\["Transverse Mercator",ID\["EPSG",9807\]\]/);
  t.match(crs.wkt2, /PARAMETER\["Longitude of natural origin",-75,/);
  t.match(crs.wkt2, /PARAMETER\["Scale factor at natural origin",0\.9996,/);
  t.match(crs.wkt2, /PARAMETER\["False easting",500000,/);
});

t.test("an ESRI PE string in a citation becomes WKT2, the ESRI datum name mapped to EPSG's", async (t) => {
  const crs = geotiffCrs(await keysOf('albers_esri_wkt.tif'));
  t.match(crs.wkt2, /DATUM\["North American Datum 1983",ELLIPSOID\["GRS_1980",6378137,298\.257222101,LENGTHUNIT\["metre",1\]\],ID\["EPSG",6269\]\]/);
  t.match(crs.wkt2, /METHOD\["Albers Equal Area",ID\["EPSG",9822\]\]/);
  for (const [name, value] of [['Latitude of false origin', 23], ['Longitude of false origin', -96], ['Latitude of 1st standard parallel', 29.5], ['Latitude of 2nd standard parallel', 45.5]]) {
    t.match(crs.wkt2, new RegExp(`PARAMETER\\["${name}",${value},`));
  }
  const goes = geotiffCrs(await keysOf('goes_geos.tif'));
  t.match(goes.wkt2, /METHOD\["Geostationary Satellite \(Sweep X\)"\]/, 'sweep from the PROJ4 extension GDAL wrote');
  t.match(goes.wkt2, /PARAMETER\["Satellite Height",35786023,/);
});

t.test('no CRS, a CRS off the Earth, and projections eopool cannot describe are refused with the reason', async (t) => {
  t.throws(() => geotiffCrs(null), { code: 'GeoTiffNoCrs' });
  const rotated = await keysOf('rotated_no_crs.tif');
  t.throws(() => geotiffCrs(rotated), { code: 'GeoTiffNoCrs' });
  t.throws(() => geotiffCrs({ GTModelTypeGeoKey: 3 }), { code: 'GeoTiffCrsNotSupported' });
  const mars = await keysOf('mars_hirise.tif');
  t.throws(() => geotiffCrs(mars), { code: 'GeoTiffNotOnEarth', message: /3396 km/ });
  t.throws(
    () => geotiffCrs({ GTModelTypeGeoKey: 1, GeographicTypeGeoKey: 4326, ProjectedCSTypeGeoKey: 32767, ProjCoordTransGeoKey: 23 }),
    { code: 'GeoTiffCrsNotSupported', message: /method 23/ },
  );
  t.throws(
    () => geotiffCrs({ GTModelTypeGeoKey: 1, GeographicTypeGeoKey: 4326, ProjectedCSTypeGeoKey: 32767, ProjectionGeoKey: 10101 }),
    { code: 'GeoTiffCrsNotSupported', message: /EPSG projection 10101/ },
  );
});

t.test('user-defined projections from GeoKeys parameters', async (t) => {
  const lcc = geotiffCrs({
    GTModelTypeGeoKey: 1,
    GeographicTypeGeoKey: 4269,
    ProjectedCSTypeGeoKey: 32767,
    ProjCoordTransGeoKey: 8,
    ProjStdParallel1GeoKey: 33,
    ProjStdParallel2GeoKey: 45,
    ProjFalseOriginLatGeoKey: 39,
    ProjFalseOriginLongGeoKey: -96,
    ProjLinearUnitsGeoKey: 9002,
  });
  t.match(lcc.wkt2, /BASEGEOGCRS\["NAD83",DATUM\["North American Datum 1983".*ID\["EPSG",4269\]\]/);
  t.match(lcc.wkt2, /METHOD\["Lambert Conic Conformal \(2SP\)",ID\["EPSG",9802\]\]/);
  t.match(lcc.wkt2, /PARAMETER\["Easting at false origin",0,LENGTHUNIT\["foot",0\.3048\]/);
  t.match(lcc.wkt2, /AXIS\["easting",east,ORDER\[1\],LENGTHUNIT\["foot",0\.3048\]\]/);
  const polar = geotiffCrs({
    GTModelTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    ProjectedCSTypeGeoKey: 32767,
    ProjCoordTransGeoKey: 15,
    ProjNatOriginLatGeoKey: 70,
    ProjStraightVertPoleLongGeoKey: -45,
  });
  t.match(polar.wkt2, /METHOD\["Polar Stereographic \(variant B\)".*PARAMETER\["Latitude of standard parallel",70,.*PARAMETER\["Longitude of origin",-45,/);
  const sphere = geotiffCrs({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 32767, GeogEllipsoidGeoKey: 7035, GeogAngularUnitsGeoKey: 9102 });
  t.match(sphere.wkt2, /^GEOGCRS\[.*ELLIPSOID\["Sphere",6371000,0,/);
});

t.test('WKT1 parsing: nested nodes, numbers, bare words, doubled quotes; anything else is not WKT1', async (t) => {
  t.same(parseWkt1('UNIT["a ""b""",1.5e2,AUTHORITY["EPSG","9001"]]'), {
    keyword: 'UNIT',
    args: ['a "b"', 150, { keyword: 'AUTHORITY', args: ['EPSG', '9001'] }],
  });
  t.same(parseWkt1('AXIS["Easting",EAST]'), { keyword: 'AXIS', args: ['Easting', 'EAST'] });
  t.equal(parseWkt1('PROJCS["x"'), null);
  t.equal(parseWkt1('+proj=utm +zone=18'), null);
});
