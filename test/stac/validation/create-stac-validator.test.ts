import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import t from 'tap';
import { createStacValidator, migrateStac } from '../../../src/stac/validation/index.js';
import { SCHEMAS_DIR, readCollection, readItem, readItems, type Json } from './stac-fixtures.js';

// One validator for the file, as in the application: schemas compile once and are kept.
const validator = createStacValidator({ schemasDir: SCHEMAS_DIR });
const simpleItem = readItems('stac-spec-examples/simple-collection')[0] as Json;
const s2Item = readItems('planetary-computer-samples/sentinel-2-l2a')[0] as Json;

t.test('a valid STAC 1.1.0 item and a valid 1.0.0 item pass without warnings', async (t) => {
  t.same(validator.validate(simpleItem, 'Item'), { errors: [], warnings: [] });
  t.same(validator.validate(s2Item, 'Item'), { errors: [], warnings: [] });
});

t.test('a valid collection passes', async (t) => {
  t.same(validator.validate(readCollection('planetary-computer-samples/sentinel-2-l2a') as Json, 'Collection'), { errors: [], warnings: [] });
});

t.test('an Item whose type is wrong fails with a pointer to /type', async (t) => {
  const { errors } = validator.validate({ ...simpleItem, type: 'Collection' }, 'Item');
  t.same(errors[0], { pointer: '/type', message: 'must be equal to one of the allowed values: "Feature"' });
});

t.test('a datetime that is not RFC 3339 fails with its pointer and Ajv message', async (t) => {
  const doc = { ...s2Item, properties: { ...(s2Item.properties as Json), datetime: 'yesterday' } };
  const { errors } = validator.validate(doc, 'Item');
  t.ok(errors.length > 0 && errors.every((e) => e.pointer === '/properties/datetime'));
  t.ok(errors.some((e) => e.message === 'must match format "date-time"'));
});

t.test('an extension value out of range fails at its pointer', async (t) => {
  const doc = { ...s2Item, properties: { ...(s2Item.properties as Json), 'eo:cloud_cover': 150 } };
  t.same(validator.validate(doc, 'Item').errors, [{ pointer: '/properties/eo:cloud_cover', message: 'must be <= 100' }]);
});

t.test('a broken polygon gets the Polygon error only, not one per GeoJSON geometry type', async (t) => {
  const doc = { ...simpleItem, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] } };
  t.same(validator.validate(doc, 'Item').errors, [{ pointer: '/geometry/coordinates/0', message: 'must NOT have fewer than 4 items' }]);
});

t.test('an unknown geometry type lists the allowed types', async (t) => {
  const doc = { ...simpleItem, geometry: { type: 'Circle', coordinates: [0, 0] } };
  const { errors } = validator.validate(doc, 'Item');
  t.equal(errors[0]?.pointer, '/geometry/type');
  t.match(errors[0]?.message, /^must be equal to one of the allowed values: "Point", "LineString", "Polygon"/);
});

t.test('the real bad-geometry item of stac-server fails under /geometry', async (t) => {
  const bad = readItems('stac-server-fixtures/landsat-8-l1', 'items-invalid-geometry.ndjson')[0] as Json;
  const { errors } = validator.validate(bad, 'Item');
  t.ok(errors.length > 0);
  t.ok(errors.some((e) => e.pointer.startsWith('/geometry/coordinates')));
});

t.test('at most 10 issues are returned', async (t) => {
  const doc = {
    ...simpleItem,
    id: 5,
    links: 'none',
    assets: 3,
    bbox: [1],
    stac_extensions: [1, 2],
    properties: { datetime: 1, created: 2, updated: 3, start_datetime: 4, end_datetime: 5, platform: 6, gsd: 'x', instruments: 'y' },
  };
  const { errors } = validator.validate(doc, 'Item');
  t.equal(errors.length, 10);
  for (const issue of errors) t.match(issue, { pointer: String, message: String });
});

t.test('an extension with no local schema is a warning, not an error', async (t) => {
  const url = 'https://stac-extensions.github.io/not-there/v1.0.0/schema.json';
  const doc = { ...simpleItem, stac_extensions: [...(simpleItem.stac_extensions as string[]), url] };
  t.same(validator.validate(doc, 'Item'), { errors: [], warnings: [`extension ${url} has no local schema; not validated`] });
});

t.test('a short extension name in a 1.1.0 document is a warning and a schema error', async (t) => {
  const doc = readItem('stac-server-fixtures/landsat-8-l1', 'LC80100102015050LGN00');
  const { errors, warnings } = validator.validate(doc, 'Item');
  t.ok(warnings.includes('extension "eo" is not a schema URL; not validated'));
  t.same(errors[0], { pointer: '/stac_extensions/0', message: 'must match format "iri" (and 3 more items of /stac_extensions)' });
});

t.test('a local schema that is not valid JSON is a warning naming it', async (t) => {
  const url = 'https://schemas.stacspec.org/v1.0.0-beta.2/extensions/pointcloud/json-schema/schema.json';
  const { errors, warnings } = validator.validate({ ...simpleItem, stac_extensions: [url] }, 'Item');
  t.same(errors, []);
  t.match(warnings, [new RegExp(`^extension ${url.replace(/[.]/g, '\\.')} not validated: local copy .* is not valid JSON`)]);
});

t.test('a $ref to a schema with no local copy (PROJJSON) is checked no further, with a warning', async (t) => {
  const doc = readItems('planetary-computer-samples/3dep-lidar-copc')[0] as Json;
  t.ok((doc.properties as Json)['proj:projjson'], 'this real item has a PROJJSON CRS');
  const { errors, warnings } = validator.validate(doc, 'Item');
  t.same(errors, []);
  t.same(warnings, ['/properties/proj:projjson: not checked against https://proj.org/schemas/v0.2/projjson.schema.json, which has no local copy']);
  const withNull = { ...doc, properties: { ...(doc.properties as Json), 'proj:projjson': null } };
  t.same(validator.validate(withNull, 'Item').errors, [], 'null still matches the {"type": "null"} branch alone');
});

t.test('a STAC version with no local core schema is an error on /stac_version', async (t) => {
  const { errors } = validator.validate({ ...simpleItem, stac_version: '0.9.0' }, 'Item');
  t.same(errors.map((e) => e.pointer), ['/stac_version']);
  t.match(errors[0]?.message, /no local Item schema for STAC 0\.9\.0/);
});

t.test('a document that is not an object, or has no stac_version, is an error at the root', async (t) => {
  t.same(validator.validate([] as unknown as Json, 'Item').errors, [{ pointer: '', message: 'must be object' }]);
  const { stac_version: _v, ...noVersion } = simpleItem;
  t.equal(validator.validate(noVersion, 'Item').errors[0]?.pointer, '');
});

t.test('the lower-case "collection" type of the joplin collection is rejected', async (t) => {
  const joplin = migrateStac(readCollection('stac-fastapi-pgstac/joplin') as Json, 'Collection').document;
  t.same(validator.validate(joplin, 'Collection').errors, [{ pointer: '/type', message: 'must be equal to constant "Collection"' }]);
});

t.test('an item with a collection field but no collection link fails on /collection (STAC 1.x rule)', async (t) => {
  const item = migrateStac(readItems('pgstac-testdata')[0] as Json, 'Item').document;
  t.same(validator.validate(item, 'Item').errors, [{ pointer: '/collection', message: 'is not allowed here' }]);
  const linked = { ...item, links: [{ rel: 'collection', href: 'https://example.com/collections/pgstac-test-collection' }] };
  t.same(validator.validate(linked, 'Item').errors, []);
});

t.test('validating never touches the network, even for schemas that are not in the folder', async (t) => {
  const attempts: string[] = [];
  const refuse = (what: string) => () => {
    attempts.push(what);
    throw new Error(`network use in a validation: ${what}`);
  };
  const saved = {
    fetch: globalThis.fetch,
    httpRequest: http.request,
    httpGet: http.get,
    httpsRequest: https.request,
    httpsGet: https.get,
    connect: net.Socket.prototype.connect,
    lookup: dns.lookup,
  };
  globalThis.fetch = refuse('fetch') as typeof fetch;
  http.request = refuse('http.request') as typeof http.request;
  http.get = refuse('http.get') as typeof http.get;
  https.request = refuse('https.request') as typeof https.request;
  https.get = refuse('https.get') as typeof https.get;
  net.Socket.prototype.connect = refuse('net.connect') as typeof net.Socket.prototype.connect;
  dns.lookup = refuse('dns.lookup') as unknown as typeof dns.lookup;
  t.teardown(() => {
    globalThis.fetch = saved.fetch;
    http.request = saved.httpRequest;
    http.get = saved.httpGet;
    https.request = saved.httpsRequest;
    https.get = saved.httpsGet;
    net.Socket.prototype.connect = saved.connect;
    dns.lookup = saved.lookup;
  });

  // A fresh validator, so every schema (and every missing one) is looked up during the test.
  const fresh = createStacValidator({ schemasDir: SCHEMAS_DIR });
  const docs: [Json, 'Item' | 'Collection'][] = [
    [readItems('usgs-landsat-c2/landsat-c2l1')[0] as Json, 'Item'], // https://landsat.usgs.gov/... extension, not local
    [readItems('planetary-computer-samples/3dep-lidar-copc')[0] as Json, 'Item'], // $ref to proj.org PROJJSON
    [migrateStac(readItems('pystac-legacy/v0.8.1/_no-collection')[1] as Json, 'Item').document, 'Item'], // example.planet.com extension
    [migrateStac(readItems('pystac-legacy/v1.0.0-beta.2/_no-collection')[0] as Json, 'Item').document, 'Item'],
    [readCollection('stac-server-fixtures/sentinel-1-grd') as Json, 'Collection'],
    [{ ...simpleItem, stac_extensions: ['http://localhost:9/schema.json', 'https://example.com/x.json'] }, 'Item'],
  ];
  let warned = 0;
  for (const [doc, kind] of docs) warned += fresh.validate(doc, kind).warnings.length;
  t.same(attempts, []);
  t.ok(warned >= docs.length, 'the missing schemas were reported as warnings');
});

t.test('schemas are compiled once: later validations take microseconds, not milliseconds', async (t) => {
  const fresh = createStacValidator({ schemasDir: SCHEMAS_DIR });
  let start = performance.now();
  fresh.validate(s2Item, 'Item');
  const firstMs = performance.now() - start;
  const rounds = 200;
  start = performance.now();
  for (let i = 0; i < rounds; i++) fresh.validate(s2Item, 'Item');
  const laterMs = (performance.now() - start) / rounds;
  t.comment(`first validation ${firstMs.toFixed(1)} ms (compiles), then ${(laterMs * 1000).toFixed(0)} µs each`);
  // stac-node-validator rebuilds its schemas per call (~80 ms); 5 ms leaves room for a loaded CI machine.
  t.ok(laterMs < 5, `${laterMs.toFixed(3)} ms per validation`);
  t.ok(laterMs * 10 < firstMs, 'much cheaper than the compiling call');
});

t.test('validate does not modify the document', async (t) => {
  const doc = readItems('earth-search-s2-l2a-cogs')[0] as Json;
  const before = JSON.stringify(doc);
  validator.validate(doc, 'Item');
  validator.validate({ ...doc, type: 'Nope' }, 'Item');
  t.equal(JSON.stringify(doc), before);
});
