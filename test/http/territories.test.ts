import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';

const { app, admin, auth } = await createTestApp(t, { EOPOOL_GEOMETRY_VERTICES: '50' });

const square = (west: number, south: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});

t.test('GET /territories lists the ten seeded member countries without geometry', async (t) => {
  const { territories } = (await app.inject({ url: '/territories' })).json();
  const seeded = territories.filter((r: any) => r.seeded);
  t.same(seeded.map((r: any) => r.id).sort(), ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ']);
  t.notOk('geometry' in seeded[0], 'the list leaves the geometries out');
  const ru = seeded.find((r: any) => r.id === 'RU');
  t.ok(ru.bbox[0] > ru.bbox[2], "Russia's bbox crosses the antimeridian");
  t.ok(Math.abs(ru.area_km2 / 16_886_000 - 1) < 0.01, `Russia: ${Math.round(ru.area_km2)} km²`);
});

t.test('GET /territories/{id} answers the geometry as a MultiPolygon; 404 TerritoryNotFound otherwise', async (t) => {
  const kz = await app.inject({ url: '/territories/KZ' });
  t.equal(kz.statusCode, 200);
  t.match(kz.json(), { id: 'KZ', name: 'Kazakhstan', kind: 'country', member: null, seeded: true, geometry: { type: 'MultiPolygon' } });
  const missing = await app.inject({ url: '/territories/XX' });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().code, 'TerritoryNotFound');
  t.equal((await app.inject({ url: '/territories/KZ?detail=full' })).statusCode, 400, 'unknown parameters are refused');
});

t.test("POST /territories creates a territory owned by the key's member, with a generated id", async (t) => {
  const kzKey = await auth('member', 'KZ');
  const created = await app.inject({
    method: 'POST',
    url: '/territories',
    headers: kzKey,
    payload: { name: 'Ile river flood — Almaty', kind: 'emergency', geometry: square(76, 43.5, 1) },
  });
  t.equal(created.statusCode, 201);
  const body = created.json();
  t.match(body.id, /^ile-river-flood-almaty-[0-9a-f]{8}$/);
  t.match(body, { name: 'Ile river flood — Almaty', kind: 'emergency', member: 'KZ', seeded: false, geometry: { type: 'MultiPolygon' } });
  t.match(created.headers.location, new RegExp(`/territories/${body.id}$`));
  t.equal((await app.inject({ url: `/territories/${body.id}` })).json().name, 'Ile river flood — Almaty');

  const given = await app.inject({ method: 'POST', url: '/territories', headers: admin, payload: { name: 'Aral', kind: 'resource', geometry: square(58, 44, 2), member: 'UZ' } });
  t.equal(given.json().member, 'UZ', 'an admin names the owner');
  const grabbed = await app.inject({ method: 'POST', url: '/territories', headers: kzKey, payload: { name: 'Aral', kind: 'resource', geometry: square(58, 44, 2), member: 'UZ' } });
  t.equal(grabbed.statusCode, 403, 'a member may not create for another');
  const reader = await app.inject({ method: 'POST', url: '/territories', headers: await auth('reader', 'KZ'), payload: { name: 'x', kind: 'region', geometry: square(0, 0, 1) } });
  t.equal(reader.statusCode, 403);
});

t.test("POST /territories applies the catalog's footprint rules to the geometry", async (t) => {
  const crossing = await app.inject({
    method: 'POST',
    url: '/territories',
    headers: admin,
    payload: {
      name: 'Chukotka strait',
      kind: 'region',
      geometry: { type: 'Polygon', coordinates: [[[178, 64], [-178, 64], [-178, 68], [178, 68], [178, 64]]] },
    },
  });
  t.equal(crossing.statusCode, 201);
  t.equal(crossing.json().geometry.coordinates.length, 2, 'split at the antimeridian into two polygons');
  t.ok(crossing.json().bbox[0] > crossing.json().bbox[2], 'the bbox crosses');

  const point = await app.inject({ method: 'POST', url: '/territories', headers: admin, payload: { name: 'p', kind: 'region', geometry: { type: 'Point', coordinates: [0, 0] } } });
  t.equal(point.statusCode, 400);
  const bowtie = await app.inject({
    method: 'POST',
    url: '/territories',
    headers: admin,
    payload: { name: 'bowtie', kind: 'region', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } },
  });
  t.equal(bowtie.statusCode, 400);
  t.equal(bowtie.json().code, 'InvalidGeometry');
  const ring = Array.from({ length: 60 }, (_, i) => [10 * Math.cos((i / 60) * 2 * Math.PI), 10 * Math.sin((i / 60) * 2 * Math.PI)]);
  const large = await app.inject({
    method: 'POST',
    url: '/territories',
    headers: admin,
    payload: { name: 'circle', kind: 'region', geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] } },
  });
  t.equal(large.statusCode, 400);
  t.equal(large.json().code, 'GeometryTooLarge', 'over EOPOOL_GEOMETRY_VERTICES');
  const wrongKind = await app.inject({ method: 'POST', url: '/territories', headers: admin, payload: { name: 'x', kind: 'city', geometry: square(0, 0, 1) } });
  t.equal(wrongKind.statusCode, 400);
  const extra = await app.inject({ method: 'POST', url: '/territories', headers: admin, payload: { name: 'x', kind: 'region', geometry: square(0, 0, 1), colour: 'red' } });
  t.equal(extra.statusCode, 400);
});

t.test('PUT and DELETE /territories/{id}: the owner or an admin; the seeded countries are a 409', async (t) => {
  const pkKey = await auth('member', 'PK');
  const { id } = (
    await app.inject({ method: 'POST', url: '/territories', headers: pkKey, payload: { name: 'Indus delta', kind: 'region', geometry: square(67, 23.5, 1) } })
  ).json();
  const replaced = await app.inject({
    method: 'PUT',
    url: `/territories/${id}`,
    headers: pkKey,
    payload: { name: 'Indus delta (larger)', kind: 'resource', geometry: square(67, 23.5, 1.5) },
  });
  t.equal(replaced.statusCode, 200);
  t.match(replaced.json(), { id, name: 'Indus delta (larger)', kind: 'resource', member: 'PK' });
  t.ok(replaced.json().updated >= replaced.json().created);

  const other = await auth('member', 'IN');
  t.equal((await app.inject({ method: 'PUT', url: `/territories/${id}`, headers: other, payload: { name: 'x', kind: 'region', geometry: square(67, 23.5, 1) } })).statusCode, 403);
  t.equal((await app.inject({ method: 'DELETE', url: `/territories/${id}`, headers: other })).statusCode, 403);

  for (const request of [
    { method: 'PUT' as const, url: '/territories/KZ', headers: admin, payload: { name: 'x', kind: 'country', geometry: square(60, 45, 1) } },
    { method: 'DELETE' as const, url: '/territories/KZ', headers: admin },
  ]) {
    const refused = await app.inject(request);
    t.equal(refused.statusCode, 409, `${request.method} of a seeded country, even by an admin`);
    t.equal(refused.json().code, 'SeededTerritory');
  }

  t.equal((await app.inject({ method: 'DELETE', url: `/territories/${id}`, headers: pkKey })).statusCode, 204);
  t.equal((await app.inject({ url: `/territories/${id}` })).statusCode, 404);
  t.equal((await app.inject({ method: 'DELETE', url: `/territories/${id}`, headers: pkKey })).statusCode, 404);
});
