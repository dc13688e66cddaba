/**
 * Every real Item and Collection of fixtures/stac goes through the public door: migrated, then
 * validated. The documents that are invalid, and why, are listed here by hand; everything else
 * must validate with no error.
 */
import t, { type Test } from 'tap';
import { createStacValidator, migrateStac } from '../../../src/stac/validation/index.js';
import { SCHEMAS_DIR, readCollection, readItems, stacFolders, type Json } from './stac-fixtures.js';

interface Expected {
  /** Pointers that must be among the issues. */
  pointers: string[];
  reason: string;
}

const BANDS_IN_PROPERTIES =
  'stac-migrate turns eo:bands in properties into properties.bands, which the STAC 1.1.0 item schema allows only when some asset has bands too (radiantearth/stac-spec#1359)';

/**
 * Real documents that fail their schemas after migration, keyed `folder id`. Besides these, any
 * Item with a `collection` field and no `rel: collection` link fails on `/collection` (a rule of
 * the 1.0.0 and 1.1.0 item schemas); that case is computed, not listed, and the Item must pass once
 * such a link is added.
 */
const EXPECTED_INVALID: Readonly<Record<string, Expected>> = {
  // Items
  'pystac-legacy/v0.8.1/_no-collection AOI_2_Vegas_img2636': {
    pointers: ['', '/links/3/label:assets'],
    reason: 'has a collection link but no collection field (optional in 0.8.1), and label:assets is a string, not the array label 1.0.1 wants',
  },
  'pystac-legacy/v0.8.1/_no-collection AOI_3_Paris_img1648': {
    pointers: ['', '/links/3/label:assets'],
    reason: 'as AOI_2_Vegas_img2636',
  },
  'pystac-legacy/v0.8.1/_no-collection AOI_4_Shanghai_img3344': {
    pointers: ['', '/links/3/label:assets'],
    reason: 'as AOI_2_Vegas_img2636',
  },
  'pystac-legacy/v0.8.1/dg_worldview02 103001004B316600_P002_MUL': { pointers: ['/properties/bands'], reason: BANDS_IN_PROPERTIES },
  'pystac-legacy/v0.8.1/landsat-8-l1 LC80370332018039LGN00': {
    pointers: ['/properties'],
    reason: 'eo:row and eo:column (pre-0.8 fields) have no 1.1.0 equivalent and eo v2.0.0 forbids unknown eo: fields',
  },
  'pystac-legacy/v0.8.1/landsat-8-l1 LC80340332018034LGN00': {
    pointers: ['/properties'],
    reason: 'as LC80370332018039LGN00',
  },
  'pystac-legacy/v0.9.0/_no-collection 20171110_121030_1013': { pointers: ['/properties/bands'], reason: BANDS_IN_PROPERTIES },
  'pystac-legacy/v0.9.0/dg_worldview02 103001004B316600_P002_MUL': { pointers: ['/properties/bands'], reason: BANDS_IN_PROPERTIES },
  'stac-server-fixtures/landsat-8-l1 LC80100102015050LGN00': {
    pointers: ['/stac_extensions/0', '/links/0/href'],
    reason: 'a 1.1.0 document (kept as sent) with short extension names, and a relative self link where 1.1.0 wants an absolute IRI',
  },
  'stac-server-fixtures/landsat-8-l1 LC80100102015082LGN00': {
    pointers: ['/stac_extensions/0', '/links/0/href'],
    reason: 'as LC80100102015050LGN00',
  },
  'usgs-landsat-c2/landsat-c2l1 LM01_L1GS_005037_19720823_20200909_02_T2': {
    pointers: ['/properties/view:sun_azimuth'],
    reason: 'USGS wrote a negative sun azimuth; the view extension wants 0..360',
  },
  'usgs-landsat-c2/landsat-c2l1 LM02_L1GS_001004_19750411_20200908_02_T2': { pointers: ['/properties/view:sun_azimuth'], reason: 'negative sun azimuth' },
  'usgs-landsat-c2/landsat-c2l1 LM03_L1GS_001001_19780510_20200907_02_T2': { pointers: ['/properties/view:sun_azimuth'], reason: 'negative sun azimuth' },
  'usgs-landsat-c2/landsat-c2l1 LM05_L1GS_001001_19850524_20210918_02_T2': { pointers: ['/properties/view:sun_azimuth'], reason: 'negative sun azimuth' },
  'usgs-landsat-c2/landsat-c2l2-sr LC08_L2SP_017036_20130419_20200913_02_T2': {
    pointers: ['/properties/view:off_nadir'],
    reason: 'STAC 0.7.0 eo:off_nadir of -0.001 became view:off_nadir, which must be >= 0',
  },
  'usgs-landsat-c2/landsat-c2l2-sr LC08_L2SP_047027_20201204_20210313_02_T1': {
    pointers: ['/properties'],
    reason: 'labelled 1.0.0-beta.2 but uses 0.8-era eo:sun_azimuth, eo:platform, ... that stac-migrate renames only below 0.9.0',
  },
  'usgs-landsat-c2/landsat-c2l2-st LC08_L2SP_005009_20150710_20200908_02_T2': {
    pointers: ['/properties/bands', '/properties/bands/0/eo:common_name'],
    reason: `${BANDS_IN_PROPERTIES}; and common name "tir11" is not one of eo v2.0.0's`,
  },
  'usgs-landsat-c2/landsat-c2l2-st LC08_L2SP_008059_20191201_20200825_02_T1': {
    pointers: ['/properties/bands', '/properties/bands/0/eo:common_name'],
    reason: 'as LC08_L2SP_005009_20150710_20200908_02_T2',
  },
  'usgs-landsat-c2/landsat-c2l2-st LC08_L2SP_017036_20130419_20200913_02_T2': {
    pointers: ['/properties/bands', '/properties/bands/0/eo:common_name', '/properties/view:off_nadir'],
    reason: 'as LC08_L2SP_005009_20150710_20200908_02_T2, plus a negative off-nadir angle',
  },
  'usgs-landsat-c2/landsat-c2l2-st LE07_L2SP_021030_20100109_20200911_02_T1': {
    pointers: ['/properties/bands', '/properties/bands/0/eo:common_name'],
    reason: 'as LC08_L2SP_005009_20150710_20200908_02_T2',
  },
  'usgs-landsat-c2/landsat-c2l2-st LC08_L2SP_047027_20201204_20210313_02_T1': {
    pointers: ['/properties/bands', '/properties'],
    reason: `${BANDS_IN_PROPERTIES}; and 0.8-era eo: fields in a 1.0.0-beta.2 document`,
  },
  // Collections
  'pgstac-testdata pgstac-test-collection': {
    pointers: ['/links/1/href'],
    reason: 'self link "/collection.json" is relative; after migration to 1.1.0 it must be an absolute IRI',
  },
  'planetary-computer-samples/3dep-lidar-copc 3dep-lidar-copc': {
    pointers: ['/extent/spatial/bbox'],
    reason: 'two bboxes without the overall one first; STAC 1.1.0 wants 1, or 3 and more',
  },
  'pystac-legacy/v0.8.1/sentinel-2-l1c sentinel-2-l1c': {
    pointers: ['/item_assets/thumbnail'],
    reason: 'STAC 0.6.0 asset definitions with a title only; 1.1.0 item_assets need at least two fields',
  },
  'pystac-legacy/v0.9.0/sentinel-s2-l2a sentinel-s2-l2a': {
    pointers: ['/stac_extensions/0'],
    reason: 'short extension name "instrument" has no schema URL (kept, with a warning)',
  },
  'stac-fastapi-pgstac/joplin joplin': {
    pointers: ['/type'],
    reason: '"type": "collection" in lower case; a 1.0.0 document is kept as sent, and the schema wants "Collection"',
  },
  'stac-server-fixtures/landsat-8-l1 landsat-8-l1': {
    pointers: ['/links/0/href'],
    reason: 'relative self link "collection.json"; 1.1.0 wants an absolute IRI',
  },
};

const validator = createStacValidator({ schemasDir: SCHEMAS_DIR });
const seenKeys = new Set<string>();

function lacksCollectionLink(doc: Json): boolean {
  const links = Array.isArray(doc.links) ? (doc.links as Json[]) : [];
  return typeof doc.collection === 'string' && !links.some((link) => link.rel === 'collection');
}

function checkDocument(t: Test, folder: string, sent: Json, kind: 'Item' | 'Collection'): void {
  const key = `${folder} ${String(sent.id)}`;
  seenKeys.add(key);
  const { document } = migrateStac(sent, kind);
  t.ok(document.stac_version === '1.0.0' || document.stac_version === '1.1.0', `${key} is 1.0.0 or 1.1.0 after migration`);
  const expected = EXPECTED_INVALID[key];
  const { errors } = validator.validate(document, kind);
  let checked = document;
  if (kind === 'Item' && lacksCollectionLink(document)) {
    t.ok(
      errors.some((e) => e.pointer === '/collection'),
      `${key}: a collection field without a collection link fails on /collection`,
    );
    const links = Array.isArray(document.links) ? document.links : [];
    checked = { ...document, links: [...links, { rel: 'collection', href: `https://example.com/collections/${String(document.collection)}` }] };
  }
  const issues = checked === document ? errors : validator.validate(checked, kind).errors;
  if (expected === undefined) {
    t.same(issues, [], `${key} validates`);
  } else {
    const pointers = issues.map((issue) => issue.pointer);
    for (const pointer of expected.pointers) t.ok(pointers.includes(pointer), `${key} fails at "${pointer}": ${expected.reason}`);
  }
}

for (const folder of stacFolders()) {
  t.test(folder, async (t) => {
    for (const item of readItems(folder)) checkDocument(t, folder, item, 'Item');
    const collection = readCollection(folder);
    if (collection !== null) checkDocument(t, folder, collection, 'Collection');
  });
}

t.test('every expected-invalid entry names a real document', async (t) => {
  for (const key of Object.keys(EXPECTED_INVALID)) t.ok(seenKeys.has(key), key);
});
