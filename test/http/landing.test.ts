import fs from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';
import { createTestApp } from '../helpers/test-app.js';

const { app, services, database } = await createTestApp(t);

t.test('GET / answers a STAC landing page with absolute links built from the request', async (t) => {
  const response = await app.inject({ url: '/', headers: { host: 'eo.example:8080' } });
  t.equal(response.statusCode, 200);
  const body = response.json();
  t.equal(body.type, 'Catalog');
  t.equal(body.stac_version, '1.1.0');
  const rels = Object.fromEntries(body.links.map((l: { rel: string; href: string }) => [l.rel, l.href]));
  t.same(
    Object.keys(rels).sort(),
    [
      'aggregate',
      'aggregations',
      'conformance',
      'data',
      'http://www.opengis.net/def/rel/ogc/1.0/queryables',
      'root',
      'search',
      'self',
      'service-desc',
      'service-doc',
    ],
  );
  t.equal(rels.self, 'http://eo.example:8080/');
  t.equal(rels.data, 'http://eo.example:8080/collections');
  t.equal(rels['service-desc'], 'http://eo.example:8080/api');
});

t.test('X-Forwarded-Proto, -Host and -Prefix from a proxy shape the links', async (t) => {
  const response = await app.inject({
    url: '/',
    headers: { host: 'internal:8080', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'stac.sco.example', 'x-forwarded-prefix': '/eopool' },
  });
  const self = response.json().links.find((l: { rel: string }) => l.rel === 'self');
  t.equal(self.href, 'https://stac.sco.example/eopool/');
});

t.test('EOPOOL_PUBLIC_URL overrides the request', async (t) => {
  const other = await createTestApp(t, { EOPOOL_PUBLIC_URL: 'https://public.example/stac/' }, database);
  const response = await other.app.inject({ url: '/conformance' });
  t.equal(response.statusCode, 200);
  const landing = await other.app.inject({ url: '/', headers: { host: 'ignored' } });
  t.equal(landing.json().links[0].href, 'https://public.example/stac/');
});

t.test('GET /conformance lists the core classes and those of the mounted units', async (t) => {
  const { conformsTo } = (await app.inject({ url: '/conformance' })).json();
  for (const uri of [
    'https://api.stacspec.org/v1.0.0/core',
    'https://api.stacspec.org/v1.0.0/collections',
    'https://api.stacspec.org/v1.0.0/ogcapi-features',
    'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
    'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    'https://api.stacspec.org/v1.0.0/ogcapi-features/extensions/transaction',
    'https://api.stacspec.org/v1.0.0/collections/extensions/transaction',
  ]) {
    t.ok(conformsTo.includes(uri), uri);
  }
  t.same(conformsTo, [...new Set(conformsTo)].sort(), 'sorted, without repeats');
  t.same((await app.inject({ url: '/' })).json().conformsTo, conformsTo, 'the landing page agrees');
});

t.test('GET /health answers ok with the engine, and 503 before migrations', async (t) => {
  const ok = await app.inject({ url: '/health' });
  t.equal(ok.statusCode, 200);
  t.equal(ok.json().status, 'ok');
  t.equal(ok.json().database, process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  t.match(ok.json().version, /^\d+\.\d+\.\d+/);
  services.readiness.ready = false;
  t.teardown(() => {
    services.readiness.ready = true;
  });
  const starting = await app.inject({ url: '/health' });
  t.equal(starting.statusCode, 503);
  const collections = await app.inject({ url: '/collections' });
  t.equal(collections.statusCode, 503);
  t.equal(collections.json().code, 'Starting');
  services.readiness.ready = true;
});

t.test('CORS lets browser clients such as STAC Browser in', async (t) => {
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/search',
    headers: { origin: 'https://radiantearth.github.io', 'access-control-request-method': 'POST' },
  });
  t.equal(preflight.statusCode, 204);
  t.match(preflight.headers['access-control-allow-methods'], /POST/);
  const get = await app.inject({ url: '/collections', headers: { origin: 'https://radiantearth.github.io' } });
  t.equal(get.headers['access-control-allow-origin'], '*');
});

t.test('GET /api serves the OpenAPI document, the same as the checked-in openapi.yaml', async (t) => {
  const response = await app.inject({ url: '/api' });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /application\/vnd\.oai\.openapi\+json/);
  const served = response.json();
  t.equal(served.openapi, '3.0.3');
  t.ok(served.paths['/collections/{collectionId}/items'], 'documents the item routes');
  const checkedIn = parse(fs.readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
  t.same(served, checkedIn, 'openapi.yaml is up to date (npm run openapi rewrites it)');
});

t.test('GET /api.html serves a viewer of /api', async (t) => {
  const response = await app.inject({ url: '/api.html' });
  t.equal(response.statusCode, 200);
  t.match(response.body, /spec-url="\.\/api"/);
});

t.test('an unknown route answers 404 with {code, description}', async (t) => {
  const response = await app.inject({ url: '/nowhere' });
  t.equal(response.statusCode, 404);
  t.same(response.json(), { code: 'NotFound', description: 'no route GET /nowhere' });
});

t.test('GET /members lists the ten SCO members', async (t) => {
  const { members } = (await app.inject({ url: '/members' })).json();
  t.equal(members.length, 10);
  t.same(members.find((m: { code: string }) => m.code === 'KZ')?.name, 'Kazakhstan');
});
