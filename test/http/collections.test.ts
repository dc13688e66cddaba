import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, exampleItem } from '../helpers/stac-fixtures.js';

const { app, admin, auth, database } = await createTestApp(t);
const kz = await auth('member', 'KZ');
const ru = await auth('member', 'RU');
const reader = await auth('reader', 'KZ');

t.test('POST /collections with a member key creates a collection owned by that member', async (t) => {
  const response = await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('kz-optical') });
  t.equal(response.statusCode, 201);
  t.equal(response.headers.location, 'http://localhost:80/collections/kz-optical');
  const body = response.json();
  t.equal(body['eopool:member'], 'KZ');
  t.same(
    body.links.map((l: { rel: string }) => l.rel).sort(),
    ['aggregate', 'aggregations', 'http://www.opengis.net/def/rel/ogc/1.0/queryables', 'items', 'parent', 'root', 'self'],
  );
  const got = (await app.inject({ url: '/collections/kz-optical' })).json();
  t.equal(got.title, 'Simple Example Collection', 'stored whole');
  t.same(got.summaries, exampleCollection('x').summaries, 'foreign and extension members kept');
  const listed = (await app.inject({ url: '/collections' })).json();
  t.ok(listed.collections.some((c: { id: string }) => c.id === 'kz-optical'));
});

t.test('a second POST of the same id is a 409', async (t) => {
  const response = await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('kz-optical') });
  t.equal(response.statusCode, 409);
  t.equal(response.json().code, 'CollectionExists');
});

t.test('writes need a member or admin key', async (t) => {
  t.equal((await app.inject({ method: 'POST', url: '/collections', payload: exampleCollection('nokey') })).statusCode, 401);
  const byReader = await app.inject({ method: 'POST', url: '/collections', headers: reader, payload: exampleCollection('byreader') });
  t.equal(byReader.statusCode, 403);
  const wrong = await app.inject({ method: 'POST', url: '/collections', headers: { authorization: 'Bearer nope' }, payload: exampleCollection('x') });
  t.equal(wrong.statusCode, 401);
});

t.test('a member may not create a collection for another member; an admin names the owner', async (t) => {
  const spoof = await app.inject({
    method: 'POST',
    url: '/collections',
    headers: kz,
    payload: { ...exampleCollection('spoof'), 'eopool:member': 'RU' },
  });
  t.equal(spoof.statusCode, 403);
  const unnamed = await app.inject({ method: 'POST', url: '/collections', headers: admin, payload: exampleCollection('adm') });
  t.equal(unnamed.json().code, 'MissingMember');
  const named = await app.inject({ method: 'POST', url: '/collections', headers: admin, payload: { ...exampleCollection('ru-sar'), 'eopool:member': 'RU' } });
  t.equal(named.statusCode, 201);
  t.equal(named.json()['eopool:member'], 'RU');
});

t.test('a member writes only into its own collections', async (t) => {
  const put = await app.inject({ method: 'PUT', url: '/collections/ru-sar', headers: kz, payload: exampleCollection('ru-sar') });
  t.equal(put.statusCode, 403);
  const item = await app.inject({ method: 'POST', url: '/collections/ru-sar/items', headers: kz, payload: exampleItem('x', 'ru-sar') });
  t.equal(item.statusCode, 403);
  const own = await app.inject({ method: 'POST', url: '/collections/ru-sar/items', headers: ru, payload: exampleItem('x', 'ru-sar') });
  t.equal(own.statusCode, 201);
});

t.test('PUT replaces, PATCH merges; an id differing from the URL is a 400', async (t) => {
  const replaced = await app.inject({
    method: 'PUT',
    url: '/collections/kz-optical',
    headers: kz,
    payload: { ...exampleCollection('kz-optical'), title: 'KazEOSat archive' },
  });
  t.equal(replaced.statusCode, 200);
  t.equal(replaced.json().title, 'KazEOSat archive');
  const patched = await app.inject({
    method: 'PATCH',
    url: '/collections/kz-optical',
    headers: { ...kz, 'content-type': 'application/merge-patch+json' },
    payload: JSON.stringify({ description: 'patched', keywords: null }),
  });
  t.equal(patched.statusCode, 200);
  t.equal(patched.json().description, 'patched');
  t.equal(patched.json().title, 'KazEOSat archive');
  t.notOk('keywords' in patched.json(), 'null removes a member (RFC 7386)');
  const mismatch = await app.inject({ method: 'PUT', url: '/collections/kz-optical', headers: kz, payload: exampleCollection('other') });
  t.equal(mismatch.statusCode, 400);
  t.equal(mismatch.json().code, 'IdMismatch');
  const missing = await app.inject({ method: 'PUT', url: '/collections/none', headers: kz, payload: exampleCollection('none') });
  t.equal(missing.statusCode, 404);
});

t.test('a collection failing its schema is refused with pointers and nothing is stored', async (t) => {
  const { extent: _extent, ...noExtent } = exampleCollection('broken');
  const response = await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: noExtent });
  t.equal(response.statusCode, 400);
  t.equal(response.json().code, 'InvalidCollection');
  t.match(response.json().description, /extent/);
  t.equal((await app.inject({ url: '/collections/broken' })).statusCode, 404);
});

t.test('DELETE of a collection with items is a 409 unless cascade=true', async (t) => {
  const refused = await app.inject({ method: 'DELETE', url: '/collections/ru-sar', headers: ru });
  t.equal(refused.statusCode, 409);
  t.equal(refused.json().code, 'CollectionNotEmpty');
  const cascaded = await app.inject({ method: 'DELETE', url: '/collections/ru-sar?cascade=true', headers: ru });
  t.equal(cascaded.statusCode, 204);
  const left = await database.db.selectFrom('items').select('id').where('collection', '=', 'ru-sar').execute();
  t.equal(left.length, 0, 'its items went with it');
  t.equal((await app.inject({ url: '/collections/ru-sar' })).statusCode, 404);
});

t.test('GET of an unknown collection is a 404 CollectionNotFound', async (t) => {
  const response = await app.inject({ url: '/collections/nothing-here' });
  t.equal(response.statusCode, 404);
  t.same(response.json(), { code: 'CollectionNotFound', description: 'no collection "nothing-here"' });
});

t.test('malformed JSON and oversized bodies answer 400 and 413', async (t) => {
  const malformed = await app.inject({ method: 'POST', url: '/collections', headers: { ...kz, 'content-type': 'application/json' }, payload: '{"id": ' });
  t.equal(malformed.statusCode, 400);
  t.equal(malformed.json().code, 'InvalidJson');
  const small = await createTestApp(t, { EOPOOL_JSON_BODY_BYTES: '2048' }, database);
  const kzSmall = await small.auth('member', 'KZ');
  const big = await small.app.inject({ method: 'POST', url: '/collections', headers: kzSmall, payload: { ...exampleCollection('big'), padding: 'x'.repeat(4096) } });
  t.equal(big.statusCode, 413);
  t.equal(big.json().code, 'PayloadTooLarge');
});
