import t from 'tap';
import { exampleCollection } from '../helpers/stac-fixtures.js';
import { createTestApp } from '../helpers/test-app.js';
import { startGeotiffServer } from '../ingest/geotiff/geotiff-server.js';

const { app, auth, database } = await createTestApp(t, { EOPOOL_ALLOWED_HOSTS: '127.0.0.1' });
const kz = await auth('member', 'KZ');
const uz = await auth('member', 'UZ');
await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('kz-tiffs') });
const server = await startGeotiffServer(t);
const url = '/collections/kz-tiffs/items:from-geotiff';
const datetime = '2023-07-01T06:30:00Z';

t.test('POST items:from-geotiff stores the item made from the header and answers it', async (t) => {
  const href = `${server.url}/cogeo_3857.tif`;
  const created = await app.inject({ method: 'POST', url, headers: kz, payload: { href, datetime } });
  t.equal(created.statusCode, 201, created.body);
  t.equal(created.headers.location, 'http://localhost:80/collections/kz-tiffs/items/cogeo_3857');
  const item = created.json();
  t.match(item, {
    type: 'Feature',
    stac_version: '1.1.0',
    id: 'cogeo_3857',
    collection: 'kz-tiffs',
    properties: { datetime: '2023-07-01T06:30:00Z', 'proj:code': 'EPSG:3857', 'proj:shape': [1024, 1024] },
    assets: { data: { href, type: 'image/tiff; application=geotiff; profile=cloud-optimized', roles: ['data'] } },
  });
  t.ok(item.links.some((l: { rel: string }) => l.rel === 'self'));
  t.same((await app.inject({ url: '/collections/kz-tiffs/items/cogeo_3857' })).json().bbox, item.bbox, 'stored as answered');
  const again = await app.inject({ method: 'POST', url, headers: kz, payload: { href, datetime } });
  t.equal(again.statusCode, 200, 'the same file again changes nothing');
  const named = await app.inject({ method: 'POST', url, headers: kz, payload: { href, datetime, id: 'scene-42' } });
  t.equal(named.json().id, 'scene-42');
});

t.test('a file with no right footprint, or no datetime, is refused with the reason and nothing is stored', async (t) => {
  const mars = await app.inject({ method: 'POST', url, headers: kz, payload: { href: `${server.url}/mars_hirise.tif`, datetime } });
  t.equal(mars.statusCode, 400);
  t.match(mars.json(), { code: 'GeoTiffNotOnEarth', description: /not on the Earth/ });
  const noTime = await app.inject({ method: 'POST', url, headers: kz, payload: { href: `${server.url}/RGB.byte.tif` } });
  t.match(noTime.json(), { code: 'DatetimeRequired' });
  const stored = await database.db.selectFrom('items').select('id').where('collection', '=', 'kz-tiffs').execute();
  t.same(stored.map((r) => r.id).sort(), ['cogeo_3857', 'scene-42']);
});

t.test('only http(s) URLs of allowed hosts are read, never local paths', async (t) => {
  const local = await app.inject({ method: 'POST', url, headers: kz, payload: { href: '/etc/passwd', datetime } });
  t.equal(local.statusCode, 400);
  const fileUrl = await app.inject({ method: 'POST', url, headers: kz, payload: { href: 'file:///etc/passwd', datetime } });
  t.equal(fileUrl.statusCode, 400);
  const inner = await app.inject({ method: 'POST', url, headers: kz, payload: { href: 'http://10.20.30.40/x.tif', datetime } });
  t.match(inner.json(), { code: 'OutboundNotAllowed' });
  const missing = await app.inject({ method: 'POST', url, headers: kz, payload: { href: `${server.url}/missing.tif`, datetime } });
  t.match(missing.json(), { code: 'RemoteUnavailable', description: /404/ });
});

t.test('the caller must be allowed to write into the collection; the body is checked', async (t) => {
  const payload = { href: `${server.url}/cogeo_3857.tif`, datetime };
  t.equal((await app.inject({ method: 'POST', url, payload })).statusCode, 401);
  t.equal((await app.inject({ method: 'POST', url, headers: uz, payload })).statusCode, 403);
  t.equal((await app.inject({ method: 'POST', url: '/collections/none/items:from-geotiff', headers: kz, payload })).statusCode, 404);
  const unknown = await app.inject({ method: 'POST', url, headers: kz, payload: { ...payload, colour: 'red' } });
  t.match(unknown.json(), { code: 'InvalidParameter', description: /unknown field "colour"/ });
  const badTime = await app.inject({ method: 'POST', url, headers: kz, payload: { ...payload, datetime: 'yesterday' } });
  t.equal(badTime.statusCode, 400);
});
