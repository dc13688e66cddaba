import t from 'tap';
import { migrateStac } from '../../../src/stac/validation/index.js';
import { readCollection, readItem, readItems, type Json } from './stac-fixtures.js';

const STAC_EXTENSIONS_URL = /^https:\/\/stac-extensions\.github\.io\/[^/]+\/v[^/]+\/schema\.json$/;

/** Freezes a document all the way down, so any write to it throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function extensionsOf(doc: Json): string[] {
  return doc.stac_extensions as string[];
}

t.test('a STAC 0.7.0 USGS item comes out as 1.1.0 with URL extensions and a UTC datetime', async (t) => {
  const sent = readItem('usgs-landsat-c2/landsat-c2l2-sr', 'LC08_L2SP_017036_20130419_20200913_02_T2');
  t.equal(sent.stac_version, '0.7.0');
  t.equal((sent.properties as Json).datetime, '2013-04-19');
  const { document, warnings } = migrateStac(sent, 'Item');
  t.equal(document.stac_version, '1.1.0');
  t.equal((document.properties as Json).datetime, '2013-04-19T00:00:00Z');
  t.ok(warnings.includes('migrated from STAC 0.7.0 to 1.1.0'));
  t.ok(
    warnings.some((w) => w.startsWith('/properties/datetime: "2013-04-19"') && w.includes('"2013-04-19T00:00:00Z"')),
    'the datetime warning names the field',
  );
  t.notOk(extensionsOf(document).includes('eo'), 'the short name is gone');
  t.ok(extensionsOf(document).includes('https://stac-extensions.github.io/eo/v2.0.0/schema.json'));
  t.ok(extensionsOf(document).every((ext) => /^https:\/\//.test(ext)));
});

t.test('the 1.0.0-beta.2 pgstac test items get schema URLs for "eo" and "projection"', async (t) => {
  for (const sent of readItems('pgstac-testdata')) {
    t.same(sent.stac_extensions, ['eo', 'projection']);
    const { document } = migrateStac(sent, 'Item');
    t.equal(document.stac_version, '1.1.0');
    t.same(extensionsOf(document), [
      'https://stac-extensions.github.io/eo/v2.0.0/schema.json',
      'https://stac-extensions.github.io/projection/v2.0.0/schema.json',
    ]);
    t.match((document.properties as Json)['proj:code'], /^EPSG:\d+$/, 'proj:epsg became proj:code');
  }
});

t.test('0.8.1 and 0.9.0 pystac examples come out as 1.1.0 with only URL extensions', async (t) => {
  for (const folder of ['pystac-legacy/v0.8.1/landsat-8-l1', 'pystac-legacy/v0.8.1/_no-collection', 'pystac-legacy/v0.9.0/_no-collection', 'pystac-legacy/v0.9.0/dg_worldview02']) {
    for (const sent of readItems(folder)) {
      const { document, warnings } = migrateStac(sent, 'Item');
      t.equal(document.stac_version, '1.1.0', `${folder} ${String(sent.id)}`);
      t.ok(warnings[0]?.startsWith(`migrated from STAC ${String(sent.stac_version)} to 1.1.0`));
      for (const ext of extensionsOf(document)) t.match(ext, /^https:\/\//, `${String(sent.id)} ${ext}`);
    }
  }
});

t.test('the 0.9.0 short name "proj" and the retired "commons" are handled', async (t) => {
  const sent = readItem('pystac-legacy/v0.9.0/sentinel-s2-l2a', 'S2A_OPER_MSI_L2A_TL_SGS__20180524T190423_A015250_T26SKD_N02.08');
  t.same(sent.stac_extensions, ['eo', 'view', 'proj', 'commons']);
  const { document, warnings } = migrateStac(sent, 'Item');
  t.same(extensionsOf(document), [
    'https://stac-extensions.github.io/eo/v2.0.0/schema.json',
    'https://stac-extensions.github.io/view/v1.1.0/schema.json',
    'https://stac-extensions.github.io/projection/v2.0.0/schema.json',
  ]);
  t.ok(warnings.some((w) => w.includes('"commons" was retired')));
});

t.test('space-separated start and end datetimes are normalised, each with a warning', async (t) => {
  for (const sent of readItems('sentinel-3-slstr-orbits')) {
    const props = sent.properties as Json;
    t.match(props.start_datetime, / /);
    const { document, warnings } = migrateStac(sent, 'Item');
    t.equal(document.stac_version, sent.stac_version, '1.0.0 stays 1.0.0');
    const out = document.properties as Json;
    t.match(out.start_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    t.match(out.end_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    t.ok(warnings.some((w) => w.startsWith('/properties/start_datetime: ')));
    t.ok(warnings.some((w) => w.startsWith('/properties/end_datetime: ')));
    t.equal(out.datetime, props.datetime, 'an RFC 3339 datetime is kept');
  }
});

t.test('1.0.0 and 1.1.0 documents come back as sent when their datetimes are RFC 3339', async (t) => {
  const samples: [string, Json][] = [
    ...readItems('planetary-computer-samples/landsat-c2-l2').map((doc): [string, Json] => ['landsat-c2-l2', doc]),
    ...readItems('stac-server-fixtures/sentinel-1-grd').map((doc): [string, Json] => ['sentinel-1-grd', doc]),
    ...readItems('earth-search-s2-l2a-cogs').slice(0, 5).map((doc): [string, Json] => ['earth-search', doc]),
  ];
  for (const [name, sent] of samples) {
    const { document, warnings } = migrateStac(sent, 'Item');
    t.same(document, sent, `${name} ${String(sent.id)} unchanged`);
    t.same(warnings, []);
    t.not(document, sent, 'a copy, not the same object');
  }
  const collection = readCollection('planetary-computer-samples/sentinel-2-l2a') as Json;
  t.same(migrateStac(collection, 'Collection'), { document: collection, warnings: [] });
});

t.test('RFC 3339 datetimes with an offset other than Z are kept as sent', async (t) => {
  const sent = readItem('pystac-legacy/v0.8.1/landsat-8-l1', 'LC08_L1TP_107018_20181001_20181001_01_RT');
  const withOffset = { ...sent, stac_version: '1.0.0', properties: { ...(sent.properties as Json), datetime: '2018-10-01T01:08:32.033+02:00' } };
  const { document, warnings } = migrateStac(withOffset, 'Item');
  t.equal((document.properties as Json).datetime, '2018-10-01T01:08:32.033+02:00');
  t.same(warnings, []);
});

t.test('date-only values in a collection interval and an item created field are normalised with warnings', async (t) => {
  const collection = readCollection('planetary-computer-samples/naip') as Json;
  const sent = { ...collection, extent: { ...(collection.extent as Json), temporal: { interval: [['2010-01-01', '2023-12-31 00:00:00']] } } };
  const { document, warnings } = migrateStac(sent, 'Collection');
  t.same(((document.extent as Json).temporal as Json).interval, [['2010-01-01T00:00:00Z', '2023-12-31T00:00:00Z']]);
  t.match(warnings, [/^\/extent\/temporal\/interval\/0\/0: "2010-01-01" is not RFC 3339/, /^\/extent\/temporal\/interval\/0\/1: /]);

  const item = readItems('planetary-computer-samples/naip')[0] as Json;
  const dated = { ...item, properties: { ...(item.properties as Json), created: '2021-05-06' } };
  const out = migrateStac(dated, 'Item');
  t.equal((out.document.properties as Json).created, '2021-05-06T00:00:00Z');
  t.match(out.warnings, [/^\/properties\/created: /]);
});

t.test('never mutates its input', async (t) => {
  const inputs: [Json, 'Item' | 'Collection'][] = [
    [readItem('usgs-landsat-c2/landsat-c2l2-sr', 'LC08_L2SP_017036_20130419_20200913_02_T2'), 'Item'],
    [readItems('pgstac-testdata')[0] as Json, 'Item'],
    [readItems('sentinel-3-slstr-orbits')[0] as Json, 'Item'],
    [readCollection('pystac-legacy/v0.8.1/sentinel-2-l1c') as Json, 'Collection'],
    [readCollection('pystac-legacy/v0.9.0/landsat-8-l1') as Json, 'Collection'],
  ];
  for (const [doc, kind] of inputs) {
    const before = JSON.stringify(doc);
    t.doesNotThrow(() => migrateStac(deepFreeze(doc), kind), `${String(doc.id)} frozen input is only read`);
    t.equal(JSON.stringify(doc), before);
  }
});

t.test('the result does not depend on what was migrated before (stac-migrate keeps module state)', async (t) => {
  const target = readItem('pystac-legacy/hls-cmr-v1.0.0-rc.4/HLSL30.v1.5', readItems('pystac-legacy/hls-cmr-v1.0.0-rc.4/HLSL30.v1.5')[0]?.id as string);
  const alone = migrateStac(target, 'Item');
  // Documents that declare eo, raster and classification at other versions, migrated in between.
  for (const folder of ['pgstac-testdata', 'usgs-landsat-c2/landsat-c2l2-st', 'pystac-legacy/v0.8.1/_no-collection']) {
    for (const doc of readItems(folder)) migrateStac(doc, 'Item');
  }
  t.same(migrateStac(target, 'Item'), alone);
});

t.test('an unreadable datetime is kept for the schema to reject, never dropped', async (t) => {
  const sent = readItem('usgs-landsat-c2/landsat-c2l2-sr', 'LC08_L2SP_017036_20130419_20200913_02_T2');
  const broken = { ...sent, properties: { ...(sent.properties as Json), datetime: 'sometime in 2013', created: 'not a date' } };
  const { document, warnings } = migrateStac(broken, 'Item');
  const props = document.properties as Json;
  t.equal(props.datetime, 'sometime in 2013');
  t.equal(props.created, 'not a date', 'stac-migrate deletes an unreadable created before rc.3; it is put back');
  t.ok(warnings.some((w) => w.startsWith('/properties/created: "not a date" is not a readable date-time')));
});

t.test('a 0.6.0 collection gets the 1.1.0 extent layout and item_assets', async (t) => {
  const sent = readCollection('pystac-legacy/v0.8.1/sentinel-2-l1c') as Json;
  t.equal(sent.stac_version, '0.6.0');
  const { document, warnings } = migrateStac(sent, 'Collection');
  t.equal(document.stac_version, '1.1.0');
  t.equal(document.type, 'Collection');
  const extent = document.extent as { spatial: { bbox: unknown[] }; temporal: { interval: unknown[][] } };
  t.same(extent.spatial.bbox, [[-180, -90, 180, 90]]);
  t.same(extent.temporal.interval, [['2015-06-27T10:25:31.456000+00:00', null]], 'an RFC 3339 start with +00:00 is kept');
  t.equal(document.assets, undefined);
  t.ok((document.item_assets as Json).B01, 'asset definitions without href moved to item_assets');
  t.ok(warnings.some((w) => w.startsWith('/assets: asset definitions')));
});

t.test('a 0.9.0 collection with the old extent layout keeps its extent', async (t) => {
  const sent = readCollection('pystac-legacy/v0.9.0/sentinel-s2-l2a') as Json;
  t.same((sent.extent as Json).spatial, [-180, -90, 180, 90]);
  const { document, warnings } = migrateStac(sent, 'Collection');
  t.same((document.extent as Json).spatial, { bbox: [[-180, -90, 180, 90]] });
  t.ok(warnings.some((w) => w.startsWith('/extent/spatial: bare bbox')));
});

t.test('Commons properties of a 0.9.0 collection with child links become summaries', async (t) => {
  const sent = readCollection('pystac-legacy/v0.9.0/landsat-8-l1') as Json;
  t.ok((sent.links as Json[]).some((link) => link.rel === 'child'), 'not a standalone collection');
  const { document } = migrateStac(sent, 'Collection');
  const summaries = document.summaries as Json;
  t.same(summaries.platform, ['landsat-8']);
  t.ok(Array.isArray(summaries.bands), 'eo:bands became bands');
  t.equal(document.properties, undefined);
  t.same(document.links, sent.links, 'links are kept');
});

t.test('the joplin collection keeps its lower-case "type": 1.0.0 documents are not repaired', async (t) => {
  const sent = readCollection('stac-fastapi-pgstac/joplin') as Json;
  t.equal(migrateStac(sent, 'Collection').document.type, 'collection');
});

t.test('a document without stac_version is taken as 0.6.0, as stac-migrate does', async (t) => {
  const { stac_version: _version, ...sent } = readItems('pgstac-testdata')[0] as Json;
  const { document, warnings } = migrateStac(sent, 'Item');
  t.equal(document.stac_version, '1.1.0');
  t.match(warnings[0], /no stac_version; taken as STAC 0\.6\.0/);
});

t.test('a newer STAC version is returned as sent', async (t) => {
  const sent = { ...(readItems('stac-spec-examples/simple-collection')[0] as Json), stac_version: '1.2.0' };
  t.same(migrateStac(sent, 'Item').document, sent);
});

t.test('every extension URL stac-migrate writes is a stac-extensions one', async (t) => {
  for (const folder of ['usgs-landsat-c2/landsat-c2l2-sr', 'pystac-legacy/v0.8.1/_no-collection', 'pystac-legacy/v1.0.0-beta.2/_no-collection']) {
    for (const sent of readItems(folder)) {
      const declared = new Set((sent.stac_extensions as string[] | undefined) ?? []);
      for (const ext of extensionsOf(migrateStac(sent, 'Item').document)) {
        if (!declared.has(ext)) t.match(ext, STAC_EXTENSIONS_URL, `${String(sent.id)} ${ext}`);
      }
    }
  }
});
