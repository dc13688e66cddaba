// Every file of fixtures/geotiff becomes an item or a refusal, as fixtures/geotiff/EXPECTED.md says
// (ground truth computed with GDAL 3.6.2: gdalinfo -json wgs84Extent, TransformBounds densified 21).
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import t from 'tap';
import { ingestGeotiff } from '../../../src/ingest/geotiff/index.js';
import { createOutboundClient } from '../../../src/net/index.js';
import { exampleCollection } from '../../helpers/stac-fixtures.js';
import { createTestApp } from '../../helpers/test-app.js';
import { expectedGeotiffs, GEOTIFF_DIR, startGeotiffServer } from './geotiff-server.js';

/** Corner and bbox tolerance for affine files (EXPECTED.md), and for footprints fitted to GCPs. */
const toleranceDeg = 0.001;
const gcpToleranceDeg = 0.01;
/** The files EXPECTED.md says have no derivable WGS 84 footprint, and the reason eopool gives. */
const REFUSED: Record<string, string> = {
  'goes_geos.tif': 'GeoTiffOffEarth',
  'rotated_no_crs.tif': 'GeoTiffNoCrs',
  'mars_hirise.tif': 'GeoTiffNotOnEarth',
};

const { app, services, admin } = await createTestApp(t);
const { db, stac } = services;
await app.inject({ method: 'POST', url: '/collections', headers: admin, payload: { ...exampleCollection('geotiffs'), 'eopool:member': 'KZ' } });
const outbound = createOutboundClient({ allowedHosts: ['127.0.0.1'] });
t.teardown(() => outbound.close());
const datetime = '2024-05-01T10:00:00Z';

/** Longitude difference folded into ±180 (a footprint split at the antimeridian writes 180 as -180). */
const lonDiff = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

function vertices(geometry: any): number[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates.flat() : geometry.coordinates.flat(2);
}

for (const expected of expectedGeotiffs()) {
  const file: string = expected.file;
  t.test(`${file}: ${REFUSED[file] === undefined ? 'an item as GDAL sees it' : `refused (${REFUSED[file]})`}`, async (t) => {
    const ingest = () =>
      ingestGeotiff({ db, stac, outbound, collection: 'geotiffs', member: 'KZ', source: fileURLToPath(new URL(file, GEOTIFF_DIR)), datetime, allowLocalPaths: true });
    if (REFUSED[file] !== undefined) {
      await t.rejects(ingest(), { code: REFUSED[file] });
      const stored = await db.selectFrom('items').select('id').where('id', '=', file.replace(/\.tif$/, '')).executeTakeFirst();
      t.equal(stored, undefined, 'nothing stored');
      return;
    }
    const { item, warnings } = await ingest();
    const properties = item.properties as Record<string, any>;
    const asset = (item.assets as any).data;
    const points = vertices(item.geometry);
    const gcps = expected.gcp_footprint !== null;
    const corners: number[][] = gcps ? expected.gcp_footprint.corners_lonlat : expected.wgs84_corner_polygon.coordinates[0].slice(0, 4);
    const tolerance = gcps ? gcpToleranceDeg : toleranceDeg;
    for (const [lon, lat] of corners) {
      const nearest = Math.min(...points.map(([x, y]) => Math.max(lonDiff(x!, lon!), Math.abs(y! - lat!))));
      t.ok(nearest <= tolerance, `corner ${lon}, ${lat} is a vertex (within ${nearest.toExponential(1)}°)`);
    }
    const bbox: number[] = gcps ? expected.gcp_footprint.bbox : expected.bbox_lonlat_densified21;
    const bboxError = Math.max(...(item.bbox as number[]).map((v, i) => (i % 2 === 0 ? lonDiff(v, bbox[i]!) : Math.abs(v - bbox[i]!))));
    t.ok(bboxError <= tolerance, `bbox ${JSON.stringify(item.bbox)} within ${bboxError.toExponential(1)}° of ${JSON.stringify(bbox)}`);
    if (file === 'cog_dateline_utm60.tif') {
      t.equal((item.geometry as any).type, 'MultiPolygon', 'split at the antimeridian');
      t.ok((item.bbox as number[])[0]! > (item.bbox as number[])[2]!, 'bbox crosses the antimeridian');
    }
    t.equal(properties.datetime, datetime);
    t.ok(properties.gsd > 0);
    t.same(properties['proj:shape'], [expected.height, expected.width]);
    if (expected.epsg !== null) {
      t.equal(properties['proj:code'], `EPSG:${expected.epsg}`);
      t.notOk('proj:wkt2' in properties);
    } else if (gcps) {
      t.equal(properties['proj:code'], null, 'the grid of a GCP file is in no CRS');
      t.notOk('proj:wkt2' in properties);
    } else {
      t.equal(properties['proj:code'], null);
      t.match(properties['proj:wkt2'], /^(PROJCRS|GEOGCRS)\[/);
    }
    if (expected.geotransform === null) {
      t.notOk('proj:transform' in properties, 'no affine transform for a GCP file');
      t.equal(properties['eopool:footprint'], 'gcps', 'marked as approximate');
      t.match(warnings.join(' '), /approximate/);
    } else {
      const [x0, a, b, y0, d, e] = expected.geotransform as number[];
      t.same(properties['proj:transform'], [a, b, x0, d, e, y0]);
    }
    t.equal(asset.type, expected.cog_valid ? 'image/tiff; application=geotiff; profile=cloud-optimized' : 'image/tiff; application=geotiff');
    t.same(asset.roles, ['data']);
    t.equal(asset.bands.length, expected.band_count);
    const types: Record<string, string> = { Byte: 'uint8', UInt16: 'uint16', Int16: 'int16', Float32: 'float32', Float64: 'float64' };
    t.equal(asset.bands[0].data_type, types[expected.data_types[0]]);
    t.equal(asset.bands[0].nodata, expected.nodata ?? undefined);
    t.match(asset.href, /^file:\/\/\/.*\.tif$/);
  });
}

t.test('the WKT2 of a CRS without an EPSG code transforms as the PROJ definition GDAL reads from the file', async (t) => {
  for (const expected of expectedGeotiffs().filter((e) => e.epsg === null && e.proj4 !== null && !(e.file in REFUSED))) {
    const { item } = await ingestGeotiff({
      db, stac, outbound, collection: 'geotiffs', member: 'KZ', source: fileURLToPath(new URL(expected.file, GEOTIFF_DIR)), datetime, allowLocalPaths: true,
    });
    const wkt2 = (item.properties as any)['proj:wkt2'];
    const [x, y] = expected.native_bounds as number[];
    const { rows } = await sql<{ a: string; b: string }>`
      SELECT ST_AsText(ST_Transform(ST_MakePoint(${x}, ${y}), ${wkt2}, 4326)) AS a,
             ST_AsText(ST_Transform(ST_MakePoint(${x}, ${y}), ${expected.proj4}, 4326)) AS b`.execute(db);
    const [a, b] = [rows[0]!.a, rows[0]!.b].map((p) => p.match(/-?[\d.]+/g)!.map(Number));
    t.ok(Math.abs(a![0]! - b![0]!) < 1e-7 && Math.abs(a![1]! - b![1]!) < 1e-7, `${expected.file}: ${rows[0]!.a} = ${rows[0]!.b}`);
  }
});

t.test('a file without an acquisition time needs a datetime', async (t) => {
  await t.rejects(
    ingestGeotiff({ db, stac, outbound, collection: 'geotiffs', member: 'KZ', source: fileURLToPath(new URL('byte_nad27_utm11.tif', GEOTIFF_DIR)), allowLocalPaths: true }),
    { code: 'DatetimeRequired', message: /DateTime is when it was written/ },
  );
});

t.test('a URL is read by range requests: a COG header costs a small part of the file', async (t) => {
  const server = await startGeotiffServer(t);
  for (const expected of expectedGeotiffs().filter((e) => e.bytes > 200_000 && !(e.file in REFUSED))) {
    const href = `${server.url}/${expected.file}`;
    const result = await ingestGeotiff({ db, stac, outbound, collection: 'geotiffs', member: 'KZ', source: href, datetime, id: `url-${expected.file}`, allowLocalPaths: false });
    const served = server.sent.get(expected.file)!;
    t.equal(result.bytesRead, served, 'counted on both sides');
    t.ok(served <= expected.bytes / 4, `${expected.file}: ${served} of ${expected.bytes} bytes read`);
    t.equal((result.item.assets as any).data.href, href);
  }
});

t.test('a server that answers range requests with the whole file is refused without reading it', async (t) => {
  const server = await startGeotiffServer(t, { ignoreRanges: true });
  await t.rejects(
    ingestGeotiff({ db, stac, outbound, collection: 'geotiffs', member: 'KZ', source: `${server.url}/RGB.byte.tif`, datetime, allowLocalPaths: false }),
    { code: /GeoTiffUnreadable|RemoteTooLarge/ },
  );
  t.ok((server.sent.get('RGB.byte.tif') ?? 0) > 0);
  await t.rejects(
    ingestGeotiff({ db, stac, outbound, collection: 'geotiffs', member: 'KZ', source: `${server.url}/missing.tif`, datetime, allowLocalPaths: false }),
    { code: /GeoTiffUnreadable|RemoteUnavailable/, message: /404/ },
  );
  await t.rejects(
    ingestGeotiff({ db, stac, outbound, collection: 'geotiffs', member: 'KZ', source: '/etc/hostname', datetime, allowLocalPaths: false }),
    { code: 'GeoTiffUnreadable', message: /not an http\(s\) URL/ },
  );
});
