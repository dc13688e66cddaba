import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, exampleItem } from '../helpers/stac-fixtures.js';
import { collectionOf, loadRealItems } from '../catalog/search/real-items.js';

const { app, auth, database } = await createTestApp(t);
const kz = await auth('member', 'KZ');
const folders = ['pgstac-testdata', 'stac-server-fixtures/sentinel-1-grd', 'usgs-landsat-c2/landsat-c2l2-sr'];
const stored = await loadRealItems(app, database, kz, folders);

interface Queryables {
  $schema: string;
  $id: string;
  type: string;
  properties: Record<string, { type?: unknown; title?: string }>;
  additionalProperties: boolean;
}

const PROMOTED = [
  'id', 'collection', 'geometry', 'datetime', 'start_datetime', 'end_datetime', 'eo:cloud_cover', 'platform', 'constellation',
  'instruments', 'gsd', 'view:off_nadir', 'eopool:member',
];

/** Property keys of the stored items, with the JSON types they take, worked out from the documents. */
function keysOf(collection: string | null): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  for (const item of stored) {
    if (collection !== null && item.collection !== collection) continue;
    for (const [name, value] of Object.entries(item.properties)) {
      const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
      types.set(name, (types.get(name) ?? new Set()).add(type));
    }
  }
  return types;
}

t.test('GET /queryables lists the promoted fields and every property key, as a closed JSON Schema', async (t) => {
  const response = await app.inject({ url: '/queryables' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /application\/schema\+json/);
  const document = response.json<Queryables>();
  t.equal(document.$schema, 'https://json-schema.org/draft/2019-09/schema');
  t.equal(document.$id, 'http://localhost:80/queryables');
  t.equal(document.type, 'object');
  t.equal(document.additionalProperties, false);
  for (const name of PROMOTED) t.ok(name in document.properties, `promoted ${name}`);
  const expected = keysOf(null);
  for (const [name, types] of expected) {
    t.ok(name in document.properties, name);
    if (PROMOTED.includes(name)) continue;
    const listed = document.properties[name]?.type;
    t.same(new Set(Array.isArray(listed) ? listed : [listed]), new Set([...types].map((x) => (x === 'number' ? 'number' : x))), `${name} types`);
  }
  t.ok('naip:state' in document.properties && 'sar:polarizations' in document.properties);
});

t.test('a collection lists only its own keys; an unknown collection is a 404', async (t) => {
  const naip = collectionOf('pgstac-testdata');
  const document = (await app.inject({ url: `/collections/${naip}/queryables` })).json<Queryables>();
  t.equal(document.$id, `http://localhost:80/collections/${naip}/queryables`);
  t.ok('naip:state' in document.properties);
  t.notOk('sar:polarizations' in document.properties, 'a key of another collection');
  const others = Object.keys(document.properties).filter((name) => !PROMOTED.includes(name) && name !== 'eopool:ingested');
  t.same(others.sort(), [...keysOf(naip).keys()].filter((name) => !PROMOTED.includes(name)).sort());
  const missing = await app.inject({ url: '/collections/none/queryables' });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().code, 'CollectionNotFound');
});

t.test('keys of items written later, by POST, PUT or PATCH, become queryable', async (t) => {
  await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('later') });
  const before = (await app.inject({ url: '/collections/later/queryables' })).json<Queryables>();
  t.notOk('eopool:test_flag' in before.properties);
  await app.inject({ method: 'POST', url: '/collections/later/items', headers: kz, payload: exampleItem('one', 'later') });
  const patched = await app.inject({
    method: 'PATCH',
    url: '/collections/later/items/one',
    headers: { ...kz, 'content-type': 'application/merge-patch+json' },
    payload: JSON.stringify({ properties: { 'eopool:test_flag': true } }),
  });
  t.equal(patched.statusCode, 200);
  const after = (await app.inject({ url: '/collections/later/queryables' })).json<Queryables>();
  t.same(after.properties['eopool:test_flag'], { title: 'eopool:test_flag', type: 'boolean' });
  const filtered = await app.inject({ url: `/search?filter=${encodeURIComponent('eopool:test_flag = TRUE')}` });
  t.same(filtered.json<{ features: { id: string }[] }>().features.map((f) => f.id), ['one'], 'and usable in a filter at once');

  const duplicate = exampleItem('one', 'later');
  (duplicate.properties as Record<string, unknown>)['eopool:never_stored'] = 1;
  const refused = await app.inject({ method: 'POST', url: '/collections/later/items', headers: kz, payload: duplicate });
  t.equal(refused.statusCode, 409);
  const unchanged = (await app.inject({ url: '/collections/later/queryables' })).json<Queryables>();
  t.notOk('eopool:never_stored' in unchanged.properties, 'the keys of an item that was not stored are not listed');
});

t.test('every listed name can be filtered on; a name outside them is UnknownQueryable', async (t) => {
  const document = (await app.inject({ url: '/queryables' })).json<Queryables>();
  for (const name of Object.keys(document.properties)) {
    const filter = name === 'geometry' ? 'geometry IS NULL' : `"${name}" IS NULL`;
    const response = await app.inject({ url: `/search?limit=1&filter=${encodeURIComponent(filter)}` });
    t.equal(response.statusCode, 200, name);
  }
  const unknown = await app.inject({ method: 'POST', url: '/search', payload: { filter: { op: '=', args: [{ property: 'not:listed' }, 1] } } });
  t.equal(unknown.statusCode, 400);
  t.equal(unknown.json().code, 'UnknownQueryable');
});
