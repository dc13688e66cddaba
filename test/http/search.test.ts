import type { LightMyRequestResponse } from 'fastify';
import type { Geometry } from 'geojson';
import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, exampleItem } from '../helpers/stac-fixtures.js';
import { bboxPolygons, footprintIntersects, itemInterval, keysWhere, loadRealItems, type StoredItem } from '../catalog/search/real-items.js';

const { app, auth, database } = await createTestApp(t);
const kz = await auth('member', 'KZ');
const stored = await loadRealItems(app, database, kz);

interface Page {
  features: { id: string; collection: string }[];
  links: { rel: string; href: string; method?: string; body?: Record<string, unknown>; merge?: boolean }[];
  numberReturned: number;
  numberMatched?: number;
}

const keysOf = (page: Page) => page.features.map((f) => `${f.collection}/${f.id}`);
const sorted = (keys: string[]) => [...keys].sort();
const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** Follow `next` links until there is none, as pystac-client does; every key of every page, in order. */
async function pageThrough(first: { method: 'GET'; url: string } | { method: 'POST'; url: string; body: Record<string, unknown> }) {
  const keys: string[] = [];
  const pages: Page[] = [];
  let request: typeof first | null = first;
  while (request !== null) {
    const response: LightMyRequestResponse = await app.inject(
      request.method === 'GET' ? { url: request.url } : { method: 'POST', url: request.url, payload: request.body },
    );
    if (response.statusCode !== 200) throw new Error(`${request.url}: ${response.statusCode} ${response.body}`);
    const page: Page = response.json<Page>();
    pages.push(page);
    keys.push(...keysOf(page));
    const next: Page['links'][number] | undefined = page.links.find((l) => l.rel === 'next');
    const url = next === undefined ? null : new URL(next.href);
    request =
      next === undefined || url === null
        ? null
        : next.method === 'POST'
          ? { method: 'POST', url: url.pathname, body: next.body as Record<string, unknown> }
          : { method: 'GET', url: `${url.pathname}${url.search}` };
  }
  return { keys, pages };
}

/** The same search by GET (parameters as text) and by POST (as JSON), all pages of each. */
async function bothWays(get: Record<string, string>, post: Record<string, unknown>): Promise<{ get: string[]; post: string[] }> {
  const viaGet = await pageThrough({ method: 'GET', url: `/search?${query({ limit: '100', ...get })}` });
  const viaPost = await pageThrough({ method: 'POST', url: '/search', body: { limit: 100, ...post } });
  return { get: sorted(viaGet.keys), post: sorted(viaPost.keys) };
}

const intersecting = (shapes: Geometry[]) => keysWhere(stored, (item) => footprintIntersects(item, shapes));

t.test('the real fixtures are loaded, the tricky ones among them', async (t) => {
  t.ok(stored.length > 300, `${stored.length} items stored`);
  const ids = new Set(stored.map((i) => i.id));
  for (const id of [
    'LT05_L2SR_087017_20090621_20200827_02_T2_SR', // split at the antimeridian
    '60W-2023', // null datetime with a range, across the antimeridian
    'CS3-20160503_132131_05', // null geometry
    'Copernicus_DSM_COG_10_S90_00_W180_00_DEM', // at the South Pole
    '2020-cb_2020_us_vtd_500k', // a MultiPolygon of many parts
  ]) {
    t.ok(ids.has(id), id);
  }
});

t.test('bbox finds exactly the stored footprints that intersect it, GET and POST alike', async (t) => {
  const boxes: [number, number, number, number][] = [
    [-94.6, 37.0, -94.4, 37.1], // Joplin, Missouri
    [-100, 25, -90, 35], // Texas and the Gulf
    [-112.5, 37.5, -111.5, 38.5], // Utah lidar
    [170, -85, 180, -80], // Antarctica, west of the antimeridian
    [60, -83, 80, -80], // Antarctic Landsat
    [-180, -90, -176.5, -88.5], // the South Pole
    [90, 79, 100, 84], // Arctic Sentinel-2
  ];
  for (const box of boxes) {
    const expected = intersecting(bboxPolygons(box));
    const found = await bothWays({ bbox: box.join(',') }, { bbox: box });
    t.same(found.get, expected, `GET bbox ${box.join(',')}`);
    t.same(found.post, expected, `POST bbox ${box.join(',')}`);
  }
  t.ok(intersecting(bboxPolygons([-94.6, 37.0, -94.4, 37.1])).length > 5, 'the Joplin box is not trivially empty');
});

t.test('a bbox with heights (6 numbers) searches its 2-D footprint', async (t) => {
  const box = [-112.5, 37.5, 0, -111.5, 38.5, 5000];
  const found = await bothWays({ bbox: box.join(',') }, { bbox: box });
  const expected = intersecting(bboxPolygons([-112.5, 37.5, -111.5, 38.5]));
  t.ok(expected.length > 0);
  t.same(found.get, expected);
  t.same(found.post, expected);
});

t.test('across the antimeridian: a split item is found from either side, a crossing bbox finds both sides', async (t) => {
  const split = 'rx-usgs-landsat-c2-landsat-c2l2-sr/LT05_L2SR_087017_20090621_20200827_02_T2_SR';
  const east = await bothWays({ bbox: '179.95,61,180,62' }, { bbox: [179.95, 61, 180, 62] });
  const west = await bothWays({ bbox: '-180,61,-179.5,62' }, { bbox: [-180, 61, -179.5, 62] });
  t.ok(east.get.includes(split), 'found from the east of 180°');
  t.ok(west.get.includes(split), 'found from the west of -180°');
  const crossing: [number, number, number, number] = [175, 50, -175, 75];
  const found = await bothWays({ bbox: crossing.join(',') }, { bbox: crossing });
  const expected = intersecting(bboxPolygons(crossing));
  t.same(found.get, expected);
  t.same(found.post, expected);
  for (const id of ['60W-2023', '60V-2023', '60U-2023', '60W-2020', '60V-2020', 'LT05_L2SR_087017_20090621_20200827_02_T2_SR']) {
    t.ok(found.get.some((k) => k.endsWith(`/${id}`)), `${id} across the antimeridian`);
  }
  const wide = await bothWays({ bbox: '-10,50,10,55' }, { bbox: [-10, 50, 10, 55] });
  t.notOk(wide.get.includes(split), 'a box over Greenwich does not find the item at 180°');
});

t.test('intersects takes any GeoJSON geometry, polygons crossing the antimeridian included', async (t) => {
  const joplin: Geometry = { type: 'Polygon', coordinates: [[[-94.6, 37.0], [-94.4, 37.0], [-94.4, 37.1], [-94.6, 37.1], [-94.6, 37.0]]] };
  const geometries: [string, Geometry, Geometry[]][] = [
    ['Point', { type: 'Point', coordinates: [-94.5, 37.05] }, [{ type: 'Point', coordinates: [-94.5, 37.05] }]],
    ['LineString', { type: 'LineString', coordinates: [[-94.7, 37.05], [-94.3, 37.06]] }, [{ type: 'LineString', coordinates: [[-94.7, 37.05], [-94.3, 37.06]] }]],
    ['Polygon', joplin, [joplin]],
    [
      'MultiPolygon',
      { type: 'MultiPolygon', coordinates: [joplin.coordinates as number[][][], [[[60, -83], [80, -83], [80, -80], [60, -80], [60, -83]]]] },
      [joplin, ...bboxPolygons([60, -83, 80, -80])],
    ],
    [
      'GeometryCollection',
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [-94.5, 37.05] }, { type: 'Polygon', coordinates: [[[90, 79], [100, 79], [100, 84], [90, 84], [90, 79]]] }] },
      [{ type: 'Point', coordinates: [-94.5, 37.05] }, ...bboxPolygons([90, 79, 100, 84])],
    ],
    [
      'Polygon across 180°',
      { type: 'Polygon', coordinates: [[[175, 50], [-175, 50], [-175, 75], [175, 75], [175, 50]]] },
      bboxPolygons([175, 50, -175, 75]),
    ],
  ];
  for (const [name, geometry, shapes] of geometries) {
    const expected = intersecting(shapes);
    t.ok(expected.length > 0, `${name}: something to find`);
    const found = await bothWays({ intersects: JSON.stringify(geometry) }, { intersects: geometry });
    t.same(found.get, expected, `GET ${name}`);
    t.same(found.post, expected, `POST ${name}`);
  }
});

t.test('items without a geometry never match a spatial search, and do match the others', async (t) => {
  const nullGeometry = 'rx-pystac-legacy-v1-0-0-beta-2-cs3/CS3-20160503_132131_05';
  const world = await bothWays({ bbox: '-180,-90,180,90' }, { bbox: [-180, -90, 180, 90] });
  t.notOk(world.get.includes(nullGeometry));
  t.same(world.get, keysWhere(stored, (i) => i.geometry !== null));
  const all = await bothWays({ collections: 'rx-pystac-legacy-v1-0-0-beta-2-cs3' }, { collections: ['rx-pystac-legacy-v1-0-0-beta-2-cs3'] });
  t.same(all.get, [nullGeometry]);
});

t.test('datetime: instants, closed and open intervals overlap the item interval, ends included', async (t) => {
  const overlapping = (start: number, end: number) =>
    keysWhere(stored, (item) => {
      const [s, e] = itemInterval(item);
      return s <= end && e >= start;
    });
  const cases: [string, number, number][] = [
    ['2020-06-15T00:00:00Z', Date.parse('2020-06-15T00:00:00Z'), Date.parse('2020-06-15T00:00:00Z')],
    ['2020-01-01T00:00:00Z/2020-03-01T00:00:00Z', Date.parse('2020-01-01T00:00:00Z'), Date.parse('2020-03-01T00:00:00Z')],
    ['2023-06-01t00:00:00z/..', Date.parse('2023-06-01T00:00:00Z'), Infinity],
    ['/2000-01-01T00:00:00Z', -Infinity, Date.parse('2000-01-01T00:00:00Z')],
    ['../1990-01-01T00:00:00+02:00', -Infinity, Date.parse('1990-01-01T00:00:00+02:00')],
    ['2018-10-26T00:00:00Z/2018-11-05T23:59:59Z', Date.parse('2018-10-26T00:00:00Z'), Date.parse('2018-11-05T23:59:59Z')],
  ];
  for (const [datetime, start, end] of cases) {
    const expected = overlapping(start, end);
    const found = await bothWays({ datetime }, { datetime });
    t.same(found.get, expected, `GET ${datetime}`);
    t.same(found.post, expected, `POST ${datetime}`);
  }
  const mid2020 = await bothWays({ datetime: '2020-06-15T00:00:00Z' }, { datetime: '2020-06-15T00:00:00Z' });
  t.ok(mid2020.get.some((k) => k.includes('3dep-lidar')), 'an instant inside a null-datetime range finds it');
  const edge = await bothWays({ datetime: '2020-12-31T00:00:00Z' }, { datetime: '2020-12-31T00:00:00Z' });
  t.ok(edge.get.some((k) => k.includes('3dep-lidar-dsm')), 'the end of a range is included');
  const exact = await bothWays(
    { datetime: '2024-09-10T03:32:32.903484Z/2024-09-11T00:00:00Z' },
    { datetime: '2024-09-10T03:32:32.903484Z/2024-09-11T00:00:00Z' },
  );
  t.ok(exact.get.includes('rx-planetary-computer-samples-umbra-sar/52f2317f-091b-4f90-b385-08c93655e089'), 'microsecond end included');
  const after = await bothWays(
    { datetime: '2024-09-10T03:32:32.903485Z/2024-09-11T00:00:00Z' },
    { datetime: '2024-09-10T03:32:32.903485Z/2024-09-11T00:00:00Z' },
  );
  t.notOk(after.get.includes('rx-planetary-computer-samples-umbra-sar/52f2317f-091b-4f90-b385-08c93655e089'), 'one microsecond later excluded');
});

t.test('place and time: windows of days and of years keep their ends exact, whichever index finds the candidates', async (t) => {
  // Short windows go to the n-D space-time GiST, long ones to the footprint-and-timeline GiST
  // (src/catalog/search/item-extent.ts); both only pre-filter, so each must find the same as a
  // plain check of footprint and interval here. The ends fall on an item's exact microsecond.
  const umbra = stored.find((i) => i.id === '52f2317f-091b-4f90-b385-08c93655e089') as StoredItem;
  const world: [number, number, number, number] = [-180, -90, 180, 90];
  const boxes: [number, number, number, number][] = [umbra.document.bbox as [number, number, number, number], [-100, 25, -90, 35], world];
  const instant = '2024-09-10T03:32:32.903484Z';
  const windows: [string, number, number][] = [
    [`${instant}/2024-09-11T00:00:00Z`, Date.parse(instant), Date.parse('2024-09-11T00:00:00Z')],
    [`${instant}/2026-01-01T00:00:00Z`, Date.parse(instant), Date.parse('2026-01-01T00:00:00Z')],
    [`2024-09-01T00:00:00Z/${instant}`, Date.parse('2024-09-01T00:00:00Z'), Date.parse(instant)],
    [`2015-01-01T00:00:00Z/${instant}`, Date.parse('2015-01-01T00:00:00Z'), Date.parse(instant)],
    ['2024-09-10T03:32:32.903485Z/2026-01-01T00:00:00Z', Date.parse(instant) + 0.001, Date.parse('2026-01-01T00:00:00Z')],
    ['2017-06-01T00:00:00Z/2018-06-01T00:00:00Z', Date.parse('2017-06-01T00:00:00Z'), Date.parse('2018-06-01T00:00:00Z')],
  ];
  for (const box of boxes) {
    const inBox = new Set(intersecting(bboxPolygons(box)));
    for (const [datetime, start, end] of windows) {
      const expected = keysWhere(stored, (item) => {
        const [s, e] = itemInterval(item);
        return inBox.has(item.key) && s <= end && e >= start;
      });
      const found = await bothWays({ bbox: box.join(','), datetime }, { bbox: box, datetime });
      t.same(found.get, expected, `GET bbox ${box.join(',')} ${datetime}`);
      t.same(found.post, expected, `POST bbox ${box.join(',')} ${datetime}`);
    }
  }
  const umbraKey = `${umbra.collection}/${umbra.id}`;
  const atEnd = await bothWays({ bbox: boxes[0]!.join(','), datetime: windows[3]![0] }, { bbox: boxes[0], datetime: windows[3]![0] });
  t.ok(atEnd.get.includes(umbraKey), 'a window of years ending on the item microsecond finds it');
  const justAfter = await bothWays({ bbox: boxes[0]!.join(','), datetime: windows[4]![0] }, { bbox: boxes[0], datetime: windows[4]![0] });
  t.notOk(justAfter.get.includes(umbraKey), 'a window of years starting one microsecond later does not');
});

t.test('ids and collections combine with the other parameters by AND', async (t) => {
  const joplin = stored.filter((i) => i.collection === 'rx-stac-fastapi-pgstac-joplin').map((i) => i.id);
  const some = joplin.slice(0, 5);
  const byIds = await bothWays({ ids: some.join(','), collections: 'rx-stac-fastapi-pgstac-joplin' }, { ids: some, collections: ['rx-stac-fastapi-pgstac-joplin'] });
  t.same(byIds.get, sorted(some.map((id) => `rx-stac-fastapi-pgstac-joplin/${id}`)));
  t.same(byIds.post, byIds.get);
  const box: [number, number, number, number] = [-94.6, 37.0, -94.4, 37.1];
  const inBox = new Set(intersecting(bboxPolygons(box)));
  const both = await bothWays({ ids: joplin.join(','), bbox: box.join(',') }, { ids: joplin, bbox: box });
  t.same(both.get, joplin.map((id) => `rx-stac-fastapi-pgstac-joplin/${id}`).filter((k) => inBox.has(k)).sort());
  const twoCollections = ['rx-pystac-legacy-planet-harvey', 'rx-planetary-computer-samples-naip'];
  const collections = await bothWays({ collections: twoCollections.join(',') }, { collections: twoCollections });
  t.same(collections.get, keysWhere(stored, (i) => twoCollections.includes(i.collection)));
  t.same(collections.post, collections.get);
  const sameId = await bothWays({ ids: 'LC81530252014153LGN00' }, { ids: ['LC81530252014153LGN00'] });
  t.ok(sameId.get.length >= 2, 'one id in several collections');
  t.same(sameId.get, keysWhere(stored, (i) => i.id === 'LC81530252014153LGN00'));
  const none = await bothWays({ collections: 'no-such-collection' }, { collections: ['no-such-collection'] });
  t.same(none.get, []);
});

t.test('limit: 10 by default, the maximum above it, a 400 below 1 or when not an integer', async (t) => {
  const first = (await app.inject({ url: '/search' })).json<Page>();
  t.equal(first.numberReturned, 10);
  t.equal(first.features.length, 10);
  t.equal(first.numberMatched, stored.length, 'numberMatched is exact');
  const capped = await createTestApp(t, { EOPOOL_SEARCH_LIMIT_MAX: '25' }, database);
  const big = (await capped.app.inject({ url: '/search?limit=100000' })).json<Page>();
  t.equal(big.numberReturned, 25);
  t.match(big.links.find((l) => l.rel === 'self')?.href, /limit=25/);
  const bigPost = (await capped.app.inject({ method: 'POST', url: '/search', payload: { limit: 100000 } })).json<Page>();
  t.equal(bigPost.numberReturned, 25);
  for (const bad of ['0', '-3', '2.5', 'ten', '1e2']) {
    const response = await app.inject({ url: `/search?limit=${bad}` });
    t.equal(response.statusCode, 400, `limit=${bad}`);
    t.equal(response.json().code, 'InvalidLimit');
  }
  for (const bad of [0, 2.5, '3', null]) {
    const response = await app.inject({ method: 'POST', url: '/search', payload: { limit: bad } });
    if (bad === null) t.equal(response.statusCode, 200, 'a null limit is the default');
    else if (bad === '3') t.equal(response.statusCode, 200, 'a numeric string is read as the number');
    else t.equal(response.json().code, 'InvalidLimit', `limit ${JSON.stringify(bad)}`);
  }
});

t.test('paging the way pystac-client does returns each match exactly once, GET and POST', async (t) => {
  const expected = keysWhere(stored, () => true);
  for (const limit of [7, 50]) {
    const viaGet = await pageThrough({ method: 'GET', url: `/search?limit=${limit}` });
    t.same(sorted(viaGet.keys), expected, `GET limit ${limit}`);
    t.equal(new Set(viaGet.keys).size, viaGet.keys.length, 'no repeats');
    t.equal(viaGet.pages.length, Math.ceil(expected.length / limit));
    const viaPost = await pageThrough({ method: 'POST', url: '/search', body: { limit } });
    t.same(viaPost.keys, viaGet.keys, `POST limit ${limit} gives the same order`);
  }
  const box: [number, number, number, number] = [170, -85, 180, -80];
  const filtered = await pageThrough({ method: 'POST', url: '/search', body: { bbox: box, datetime: '2018-01-01T00:00:00Z/..', limit: 4 } });
  const inBox = intersecting(bboxPolygons(box)).filter((k) => itemInterval(stored.find((i) => i.key === k) as StoredItem)[1] >= Date.parse('2018-01-01T00:00:00Z'));
  t.same(sorted(filtered.keys), inBox);
  t.ok(filtered.pages.length > 2);
});

t.test('the default order is datetime descending, then collection, then id', async (t) => {
  const { keys } = await pageThrough({ method: 'GET', url: '/search?limit=1000' });
  const time = (item: StoredItem) => {
    const p = item.properties;
    return Date.parse(String(p.datetime ?? p.start_datetime));
  };
  const byKey = new Map(stored.map((i) => [i.key, i]));
  const expected = [...stored]
    .sort((a, b) => time(b) - time(a) || (a.collection < b.collection ? -1 : a.collection > b.collection ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((i) => i.key);
  // Milliseconds decide almost everywhere; items equal to the millisecond must keep collection, id order.
  t.same(keys, expected);
  t.equal(byKey.size, keys.length);
});

t.test('next and prev links: GET repeats every parameter plus token, POST carries the body plus token', async (t) => {
  const page1 = (await app.inject({ url: '/search?bbox=-180,-90,180,90&datetime=2000-01-01T00:00:00Z/..&limit=5' })).json<Page>();
  const next = page1.links.find((l) => l.rel === 'next');
  t.ok(next);
  const nextUrl = new URL(next?.href as string);
  t.equal(nextUrl.searchParams.get('bbox'), '-180,-90,180,90');
  t.equal(nextUrl.searchParams.get('datetime'), '2000-01-01T00:00:00Z/..');
  t.equal(nextUrl.searchParams.get('limit'), '5');
  t.ok(nextUrl.searchParams.get('token'));
  t.equal(next?.method, 'GET');
  t.notOk(page1.links.some((l) => l.rel === 'prev'), 'no prev on the first page');
  const page2 = (await app.inject({ url: nextUrl.pathname + nextUrl.search })).json<Page>();
  const prev = page2.links.find((l) => l.rel === 'prev');
  const back = (await app.inject({ url: new URL(prev?.href as string).pathname + new URL(prev?.href as string).search })).json<Page>();
  t.same(keysOf(back), keysOf(page1), 'prev leads back to the first page');

  const body = { bbox: [-180, -90, 180, 90], datetime: '2000-01-01T00:00:00Z/..', limit: 5 };
  const post1 = (await app.inject({ method: 'POST', url: '/search', payload: body })).json<Page>();
  const postNext = post1.links.find((l) => l.rel === 'next');
  t.match(postNext, { rel: 'next', href: 'http://localhost:80/search', type: 'application/geo+json', method: 'POST', merge: false });
  t.same({ ...postNext?.body, token: undefined }, { ...body, token: undefined }, 'the original body');
  t.type(postNext?.body?.token, 'string');
  t.same(keysOf(post1), keysOf(page1));
});

t.test('paging stays right while items are inserted: none twice, none of the first ones skipped', async (t) => {
  await app.inject({ method: 'POST', url: '/collections', headers: kz, payload: exampleCollection('live') });
  const add = async (ids: string[], datetime: string) =>
    app.inject({
      method: 'POST',
      url: '/collections/live/items',
      headers: kz,
      payload: { type: 'FeatureCollection', features: ids.map((id) => exampleItem(id, 'live', { datetime })) },
    });
  await add(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'], '2021-05-05T05:05:05Z');
  await add(['b1', 'b2', 'b3'], '2019-01-01T00:00:00Z');
  const before = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'b1', 'b2', 'b3'];
  const seen: string[] = [];
  let url: string | null = '/search?collections=live&limit=4';
  let round = 0;
  while (url !== null) {
    const page: Page = (await app.inject({ url })).json<Page>();
    seen.push(...page.features.map((f) => f.id));
    round += 1;
    // Between pages: newer items (before the position), items equal in time, and older ones.
    await add([`n${round}`], '2030-01-01T00:00:00Z');
    await add([`a0${round}`, `a99${round}`], '2021-05-05T05:05:05Z');
    await add([`o${round}`], '2000-01-01T00:00:00Z');
    const next = page.links.find((l) => l.rel === 'next');
    url = next === undefined ? null : new URL(next.href).pathname + new URL(next.href).search;
  }
  t.equal(new Set(seen).size, seen.length, 'no item twice');
  for (const id of before) t.ok(seen.includes(id), `${id} not skipped`);
  t.notOk(seen.some((id) => id.startsWith('n')), 'items newer than the position are behind it');
});

t.test('malformed parameters are 400s naming the parameter, never a 500 or an empty answer', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['bbox=1,2,3', 'InvalidBbox', /bbox/],
    ['bbox=1,2,3,x', 'InvalidBbox', /bbox/],
    ['bbox=0,10,1,5', 'InvalidBbox', /bbox/],
    ['bbox=0,0,200,1', 'InvalidBbox', /bbox/],
    ['bbox=0,0,1,1&intersects={"type":"Point","coordinates":[0,0]}', 'InvalidParameter', /bbox and intersects/],
    ['intersects=notjson', 'InvalidGeometry', /intersects/],
    ['intersects={"type":"Polygon","coordinates":[[0,0],[1,1]]}', 'InvalidGeometry', /intersects/],
    ['intersects={"type":"Feature","geometry":null}', 'InvalidGeometry', /intersects/],
    ['intersects={"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}', 'InvalidGeometry', /intersects/],
    ['datetime=yesterday', 'InvalidDatetime', /datetime/],
    ['datetime=2020-02-30T00:00:00Z', 'InvalidDatetime', /datetime/],
    ['datetime=2021-01-01T00:00:00Z/2020-01-01T00:00:00Z', 'InvalidDatetime', /datetime/],
    ['datetime=../..', 'InvalidDatetime', /datetime/],
    ['datetime=2020-01-01', 'InvalidDatetime', /datetime/],
    ['ids=,', 'InvalidParameter', /ids/],
    ['token=garbage', 'InvalidToken', /token/],
    [`token=${Buffer.from(JSON.stringify(['n', 'not a time', 'c', 'i'])).toString('base64url')}`, 'InvalidToken', /token/],
    [`token=${Buffer.from(JSON.stringify(['n', '2020-01-01T00:00:00.000000Z', 'c'])).toString('base64url')}`, 'InvalidToken', /token/],
    ['colour=red', 'InvalidParameter', /colour/],
  ];
  for (const [params, code, description] of cases) {
    const response = await app.inject({ url: `/search?${params}` });
    t.equal(response.statusCode, 400, params);
    t.equal(response.json().code, code, params);
    t.match(response.json().description, description, params);
  }
  const posts: [Record<string, unknown>, string][] = [
    [{ bbox: [1, 2, 3] }, 'InvalidBbox'],
    [{ bbox: [0, 0, 1, 1], intersects: { type: 'Point', coordinates: [0, 0] } }, 'InvalidParameter'],
    [{ intersects: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } }, 'InvalidGeometry'],
    [{ datetime: '2020-13-01T00:00:00Z' }, 'InvalidDatetime'],
    [{ colour: 'red' }, 'InvalidParameter'],
    [{ ids: [{}] }, 'InvalidParameter'],
  ];
  for (const [body, code] of posts) {
    const response = await app.inject({ method: 'POST', url: '/search', payload: body });
    t.equal(response.statusCode, 400, JSON.stringify(body));
    t.equal(response.json().code, code, JSON.stringify(body));
  }
});

t.test('an intersects geometry over the vertex limit is a 400 GeometryTooLarge', async (t) => {
  const small = await createTestApp(t, { EOPOOL_GEOMETRY_VERTICES: '50' }, database);
  const ring = Array.from({ length: 60 }, (_, i) => [Math.cos((i / 60) * 2 * Math.PI), Math.sin((i / 60) * 2 * Math.PI)]);
  const polygon = { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
  const response = await small.app.inject({ method: 'POST', url: '/search', payload: { intersects: polygon } });
  t.equal(response.statusCode, 400);
  t.equal(response.json().code, 'GeometryTooLarge');
  t.match(response.json().description, /intersects/);
  const fine = await small.app.inject({ method: 'POST', url: '/search', payload: { intersects: { ...polygon, coordinates: [[...ring.slice(0, 40), ring[0]]] } } });
  t.equal(fine.statusCode, 200);
});

t.test('GET /collections/{c}/items takes the search parameters and pages by token', async (t) => {
  const collection = 'rx-earth-search-s2-l2a-cogs';
  const all = await pageThrough({ method: 'GET', url: `/collections/${collection}/items?limit=30` });
  t.same(sorted(all.keys), keysWhere(stored, (i) => i.collection === collection));
  const next = all.pages[0]?.links.find((l) => l.rel === 'next');
  t.match(next?.href, new RegExp(`^http://localhost:80/collections/${collection}/items\\?limit=30&token=`));
  const rels = all.pages[1]?.links.map((l) => l.rel).sort();
  t.same(rels, ['collection', 'next', 'parent', 'prev', 'root', 'self']);
  const box: [number, number, number, number] = [-180, -83, -179, -82.8];
  const boxed = await pageThrough({ method: 'GET', url: `/collections/${collection}/items?bbox=${box.join(',')}&datetime=2019-01-01T00:00:00Z/..` });
  const expected = keysWhere(stored, (i) => i.collection === collection && footprintIntersects(i, bboxPolygons(box)) && itemInterval(i)[1] >= Date.parse('2019-01-01T00:00:00Z'));
  t.ok(expected.length > 0);
  t.same(sorted(boxed.keys), expected);
  t.equal((await app.inject({ url: `/collections/${collection}/items?collections=x` })).statusCode, 400, 'collections is not a parameter here');
  t.equal((await app.inject({ url: '/collections/none/items' })).json().code, 'CollectionNotFound');
});
