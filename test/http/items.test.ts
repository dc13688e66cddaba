import { Readable } from 'node:stream';
import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, exampleItem } from '../helpers/stac-fixtures.js';

const { app, auth, database } = await createTestApp(t);
const kz = await auth('member', 'KZ');
await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('kz-scenes') });
const itemsUrl = '/collections/kz-scenes/items';

t.test('POST one item answers 201 with Location and the stored item', async (t) => {
  const sent = exampleItem('scene-1', 'kz-scenes');
  const response = await app.inject({ method: 'POST', url: itemsUrl, headers: kz, payload: sent });
  t.equal(response.statusCode, 201);
  t.equal(response.headers.location, 'http://localhost:80/collections/kz-scenes/items/scene-1');
  t.match(response.headers['content-type'], /application\/geo\+json/);
  const got = await app.inject({ url: `${itemsUrl}/scene-1` });
  t.equal(got.statusCode, 200);
  const { links, ...stored } = got.json();
  const { links: _sentLinks, ...expected } = sent;
  t.same(stored, expected, 'read back equal to what was sent');
  t.same(
    links.map((l: { rel: string; href: string }) => [l.rel, l.href]),
    [
      ['self', 'http://localhost:80/collections/kz-scenes/items/scene-1'],
      ['parent', 'http://localhost:80/collections/kz-scenes'],
      ['collection', 'http://localhost:80/collections/kz-scenes'],
      ['root', 'http://localhost:80/'],
    ],
  );
});

t.test('POST of an existing id is a 409 and changes nothing', async (t) => {
  const response = await app.inject({
    method: 'POST',
    url: itemsUrl,
    headers: kz,
    payload: exampleItem('scene-1', 'kz-scenes', { datetime: '2021-01-01T00:00:00Z' }),
  });
  t.equal(response.statusCode, 409);
  t.equal(response.json().code, 'ItemExists');
  t.equal((await app.inject({ url: `${itemsUrl}/scene-1` })).json().properties.datetime, '2020-12-14T18:02:31.437000Z');
});

t.test('an item failing its schema is a 400 with JSON pointers, and nothing is stored', async (t) => {
  const bad = exampleItem('bad-1', 'kz-scenes') as Record<string, any>;
  bad.properties['eo:cloud_cover'] = 'cloudy';
  const response = await app.inject({ method: 'POST', url: itemsUrl, headers: kz, payload: bad });
  t.equal(response.statusCode, 400);
  t.equal(response.json().code, 'InvalidItem');
  t.ok(response.json().errors.some((e: { pointer: string }) => e.pointer.includes('eo:cloud_cover')), 'points at the field');
  t.equal((await app.inject({ url: `${itemsUrl}/bad-1` })).statusCode, 404);
});

t.test('bad geometry and datetimes are 400s naming the problem', async (t) => {
  const swapped = exampleItem('swapped', 'kz-scenes') as Record<string, any>;
  swapped.geometry.coordinates = [[[1.34, 172.9], [1.35, 172.9], [1.35, 172.95], [1.34, 172.9]]];
  const geometry = await app.inject({ method: 'POST', url: itemsUrl, headers: kz, payload: swapped });
  t.equal(geometry.statusCode, 400);
  t.match(geometry.json().code, /Invalid(Geometry|Item)/);
  const reversed = exampleItem('reversed', 'kz-scenes') as Record<string, any>;
  reversed.properties.start_datetime = '2020-12-15T00:00:00Z';
  reversed.properties.end_datetime = '2020-12-14T00:00:00Z';
  const interval = await app.inject({ method: 'POST', url: itemsUrl, headers: kz, payload: reversed });
  t.equal(interval.statusCode, 400);
  t.equal(interval.json().code, 'InvalidDatetime');
});

t.test('an item naming another collection, or sent to an unknown one, is refused', async (t) => {
  const other = await app.inject({ method: 'POST', url: itemsUrl, headers: kz, payload: exampleItem('x', 'elsewhere') });
  t.equal(other.statusCode, 400);
  t.equal(other.json().code, 'CollectionMismatch');
  const unknown = await app.inject({ method: 'POST', url: '/collections/none/items', headers: kz, payload: exampleItem('x', 'none') });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'CollectionNotFound');
});

t.test('a FeatureCollection stores the valid items and reports each other one', async (t) => {
  const bad = exampleItem('fc-bad', 'kz-scenes') as Record<string, any>;
  delete bad.properties.datetime;
  const response = await app.inject({
    method: 'POST',
    url: itemsUrl,
    headers: kz,
    payload: { type: 'FeatureCollection', features: [exampleItem('fc-1', 'kz-scenes'), bad, exampleItem('scene-1', 'kz-scenes'), exampleItem('fc-2', 'kz-scenes')] },
  });
  t.equal(response.statusCode, 400);
  const report = response.json();
  t.equal(report.code, 'ItemsRejected');
  t.same(report.stored.sort(), ['fc-1', 'fc-2']);
  t.same(
    report.rejected.map((r: { index: number; id: string; code: string }) => [r.index, r.id, r.code]),
    [
      [1, 'fc-bad', 'InvalidItem'],
      [2, 'scene-1', 'ItemExists'],
    ],
  );
  t.equal((await app.inject({ url: `${itemsUrl}/fc-2` })).statusCode, 200, 'the valid ones are kept');
});

t.test('a FeatureCollection of only duplicates is a 409; of only new items a 201', async (t) => {
  const duplicates = await app.inject({
    method: 'POST',
    url: itemsUrl,
    headers: kz,
    payload: { type: 'FeatureCollection', features: [exampleItem('fc-1', 'kz-scenes'), exampleItem('fc-2', 'kz-scenes')] },
  });
  t.equal(duplicates.statusCode, 409);
  const fresh = await app.inject({
    method: 'POST',
    url: itemsUrl,
    headers: { ...kz, 'content-type': 'application/geo+json' },
    payload: JSON.stringify({ type: 'FeatureCollection', features: [exampleItem('fc-3', 'kz-scenes')] }),
  });
  t.equal(fresh.statusCode, 201);
  t.same(fresh.json().stored, ['fc-3']);
});

t.test('PUT replaces, PATCH merges, DELETE removes; a missing item is a 404', async (t) => {
  const replaced = await app.inject({
    method: 'PUT',
    url: `${itemsUrl}/scene-1`,
    headers: kz,
    payload: exampleItem('scene-1', 'kz-scenes', { datetime: '2022-02-02T02:02:02Z' }),
  });
  t.equal(replaced.statusCode, 200);
  t.equal((await app.inject({ url: `${itemsUrl}/scene-1` })).json().properties.datetime, '2022-02-02T02:02:02Z');
  const patched = await app.inject({
    method: 'PATCH',
    url: `${itemsUrl}/scene-1`,
    headers: { ...kz, 'content-type': 'application/merge-patch+json' },
    payload: JSON.stringify({ properties: { 'eo:cloud_cover': 42, title: null } }),
  });
  t.equal(patched.statusCode, 200);
  const after = (await app.inject({ url: `${itemsUrl}/scene-1` })).json();
  t.equal(after.properties['eo:cloud_cover'], 42);
  t.notOk('title' in after.properties);
  const row = await database.db.selectFrom('items').select(['cloud_cover']).where('id', '=', 'scene-1').executeTakeFirstOrThrow();
  t.equal(row.cloud_cover, 42, 'the promoted column follows the patch');
  t.equal((await app.inject({ method: 'PUT', url: `${itemsUrl}/ghost`, headers: kz, payload: exampleItem('ghost', 'kz-scenes') })).statusCode, 404);
  t.equal((await app.inject({ method: 'PATCH', url: `${itemsUrl}/ghost`, headers: kz, payload: {} })).statusCode, 404);
  const mismatch = await app.inject({ method: 'PUT', url: `${itemsUrl}/scene-1`, headers: kz, payload: exampleItem('scene-2', 'kz-scenes') });
  t.equal(mismatch.json().code, 'IdMismatch');
  t.equal((await app.inject({ method: 'DELETE', url: `${itemsUrl}/fc-3`, headers: kz })).statusCode, 204);
  t.equal((await app.inject({ url: `${itemsUrl}/fc-3` })).statusCode, 404);
  t.equal((await app.inject({ method: 'DELETE', url: `${itemsUrl}/fc-3`, headers: kz })).statusCode, 404);
});

t.test('NDJSON upserts line by line and reports stored, unchanged and rejected lines', async (t) => {
  const lines = [
    JSON.stringify(exampleItem('nd-1', 'kz-scenes')),
    '{ not json',
    JSON.stringify(exampleItem('nd-2', 'kz-scenes')),
    '',
    JSON.stringify({ ...exampleItem('nd-3', 'kz-scenes'), stac_version: 'banana' }),
  ];
  const first = await app.inject({
    method: 'POST',
    url: itemsUrl,
    headers: { ...kz, 'content-type': 'application/x-ndjson' },
    payload: lines.join('\n'),
  });
  t.equal(first.statusCode, 200);
  const report = first.json();
  t.equal(report.stored, 2);
  t.equal(report.unchanged, 0);
  t.same(report.rejected.map((r: { line: number; code: string }) => [r.line, r.code]), [
    [2, 'InvalidJson'],
    [5, 'InvalidItem'],
  ]);
  const again = await app.inject({
    method: 'POST',
    url: itemsUrl,
    headers: { ...kz, 'content-type': 'application/x-ndjson' },
    payload: [lines[0], JSON.stringify(exampleItem('nd-2', 'kz-scenes', { datetime: '2023-03-03T03:03:03Z' }))].join('\r\n'),
  });
  t.same(again.json(), { stored: 1, unchanged: 1, rejected: [] }, 'an identical item is unchanged, a changed one stored');
});

t.test('an NDJSON line over the line limit is rejected alone, the body limit does not apply', async (t) => {
  const small = await createTestApp(t, { EOPOOL_NDJSON_LINE_BYTES: '8192', EOPOOL_JSON_BODY_BYTES: '4096' }, database);
  const key = await small.auth('member', 'KZ');
  await small.app.inject({ method: 'POST', url: '/collections', headers: key, payload: exampleCollection('c') });
  const big = { ...exampleItem('big', 'c'), padding: 'x'.repeat(9000) };
  const payload = [exampleItem('a', 'c'), big, exampleItem('b', 'c')].map((i) => JSON.stringify(i)).join('\n');
  t.ok(payload.length > 4096, 'the body is larger than the JSON body limit');
  const response = await small.app.inject({
    method: 'POST',
    url: '/collections/c/items',
    headers: { ...key, 'content-type': 'application/x-ndjson' },
    payload: Readable.from([payload]),
  });
  t.equal(response.statusCode, 200);
  t.equal(response.json().stored, 2);
  t.same(response.json().rejected.map((r: { line: number; code: string }) => [r.line, r.code]), [[2, 'LineTooLong']]);
});

t.test('GET items pages newest first by token, never repeating an item', async (t) => {
  const fresh = await createTestApp(t, {}, database);
  const key = await fresh.auth('member', 'KZ');
  await fresh.app.inject({ method: 'POST', url: '/collections', headers: key, payload: exampleCollection('paged') });
  const features = Array.from({ length: 25 }, (_, i) =>
    exampleItem(`p-${String(i).padStart(2, '0')}`, 'paged', { datetime: `2024-01-${String(1 + (i % 5)).padStart(2, '0')}T00:00:00Z` }),
  );
  await fresh.app.inject({ method: 'POST', url: '/collections/paged/items', headers: key, payload: { type: 'FeatureCollection', features } });
  const seen: string[] = [];
  let url: string | undefined = '/collections/paged/items?limit=7';
  let pages = 0;
  while (url !== undefined) {
    const page: { numberMatched?: number; features: { id: string }[]; links: { rel: string; href: string }[] } = (
      await fresh.app.inject({ url })
    ).json();
    // Counted on the first page; later pages leave it out rather than count every match again.
    t.equal(page.numberMatched, pages === 0 ? 25 : undefined);
    seen.push(...page.features.map((f: { id: string }) => f.id));
    const next = page.links.find((l) => l.rel === 'next');
    url = next === undefined ? undefined : new URL(next.href).pathname + new URL(next.href).search;
    if (next !== undefined) t.match(next.href, /^http:\/\/localhost:80\/collections\/paged\/items\?limit=7&token=/);
    pages += 1;
  }
  t.equal(pages, 4);
  // Worked out by hand: datetimes 2024-01-05 for i ≡ 4 (mod 5) first, then by id within a day.
  const expected = features
    .map((f) => [f.properties as { datetime: string }, f.id as string] as const)
    .sort((a, b) => b[0].datetime.localeCompare(a[0].datetime) || a[1].localeCompare(b[1]))
    .map(([, id]) => id);
  t.same(seen, expected);
});

t.test('GET items filters by bbox and datetime, and rejects bad values', async (t) => {
  const hit = (await app.inject({ url: `${itemsUrl}?bbox=172.9,1.3,173.0,1.4&datetime=2020-12-14T00:00:00Z/..` })).json();
  t.ok(hit.features.length > 0);
  const miss = (await app.inject({ url: `${itemsUrl}?bbox=10,10,11,11` })).json();
  t.equal(miss.features.length, 0);
  const badBbox = await app.inject({ url: `${itemsUrl}?bbox=1,2,3` });
  t.equal(badBbox.statusCode, 400);
  t.same(badBbox.json(), { code: 'InvalidBbox', description: 'bbox must have 4 or 6 numbers, got 3' });
  t.equal((await app.inject({ url: `${itemsUrl}?datetime=yesterday` })).json().code, 'InvalidDatetime');
  t.equal((await app.inject({ url: `${itemsUrl}?limit=0` })).statusCode, 400);
  t.equal((await app.inject({ url: `${itemsUrl}?limit=2.5` })).statusCode, 400);
  t.equal((await app.inject({ url: `${itemsUrl}?colour=red` })).statusCode, 400);
  t.equal((await app.inject({ url: `${itemsUrl}?token=garbage` })).json().code, 'InvalidToken');
  const capped = (await app.inject({ url: `${itemsUrl}?limit=999999` })).json();
  t.match(capped.links.find((l: { rel: string }) => l.rel === 'self').href, /limit=10000/);
});
