import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { loadRealItems, type StoredItem } from '../catalog/search/real-items.js';

const { app, auth, database } = await createTestApp(t);
const kz = await auth('member', 'KZ');
const stored = await loadRealItems(app, database, kz);
const byKey = new Map(stored.map((i) => [i.key, i]));

interface Feature {
  id: string;
  collection: string;
  properties?: Record<string, unknown>;
  [member: string]: unknown;
}
interface Page {
  features: Feature[];
  links: { rel: string; href: string; method?: string; body?: Record<string, unknown> }[];
  numberMatched?: number;
}

type Request = { method: 'GET'; url: string } | { method: 'POST'; body: Record<string, unknown> };

/** Every page, following `next` links (and checking each `prev` leads back), as a client pages. */
async function pages(first: Request): Promise<Page[]> {
  const all: Page[] = [];
  let request: Request | null = first;
  while (request !== null) {
    const response: LightMyRequestResponse = await app.inject(request.method === 'GET' ? { url: request.url } : { method: 'POST', url: '/search', payload: request.body });
    if (response.statusCode !== 200) throw new Error(`${JSON.stringify(request)}: ${response.statusCode} ${response.body}`);
    const page: Page = response.json<Page>();
    all.push(page);
    const next: Page['links'][number] | undefined = page.links.find((l) => l.rel === 'next');
    const url = next === undefined ? null : new URL(next.href);
    request = next === undefined || url === null ? null : next.method === 'POST' ? { method: 'POST', body: next.body ?? {} } : { method: 'GET', url: url.pathname + url.search };
  }
  return all;
}

const keysOf = (list: Page[]) => list.flatMap((page) => page.features.map((f) => `${f.collection}/${f.id}`));

/** Compare two values as PostgreSQL orders them: nulls last ascending, first descending. */
function compare(a: unknown, b: unknown, direction: 'asc' | 'desc'): number {
  const missing = (v: unknown) => v === undefined || v === null;
  if (missing(a) || missing(b)) {
    if (missing(a) && missing(b)) return 0;
    const nullsAfter = direction === 'asc' ? 1 : -1;
    return missing(a) ? nullsAfter : -nullsAfter;
  }
  const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  return direction === 'asc' ? order : -order;
}

/** The expected order of all stored items under `keys`, ending with collection and id unless named. */
function expectedOrder(keys: [string, 'asc' | 'desc', (i: StoredItem) => unknown][]): string[] {
  const all = [...keys];
  if (!keys.some(([name]) => name === 'collection')) all.push(['collection', 'asc', (i) => i.collection]);
  if (!keys.some(([name]) => name === 'id')) all.push(['id', 'asc', (i) => i.id]);
  return [...stored]
    .sort((a, b) => {
      for (const [, direction, value] of all) {
        const c = compare(value(a), value(b), direction);
        if (c !== 0) return c;
      }
      return 0;
    })
    .map((i) => i.key);
}

const cloud = (i: StoredItem) => i.properties['eo:cloud_cover'];
const time = (i: StoredItem) => Date.parse(String(i.properties.datetime ?? i.properties.start_datetime));

t.test('sortby orders by several keys, GET and POST, with or without properties., and pages stay in order', async (t) => {
  const want = expectedOrder([
    ['eo:cloud_cover', 'desc', cloud],
    ['id', 'asc', (i) => i.id],
  ]);
  const viaGet = await pages({ method: 'GET', url: '/search?sortby=-properties.eo:cloud_cover,%2Bid&limit=40' });
  t.same(keysOf(viaGet), want, 'GET -properties.eo:cloud_cover,+id');
  const viaSpace = await pages({ method: 'GET', url: '/search?sortby=-eo:cloud_cover,+id&limit=40' });
  t.same(keysOf(viaSpace), want, 'a + decoded to a space still means ascending');
  const viaPost = await pages({ method: 'POST', body: { limit: 40, sortby: [{ field: 'properties.eo:cloud_cover', direction: 'desc' }, { field: 'id', direction: 'asc' }] } });
  t.same(keysOf(viaPost), want, 'POST');
  t.ok(viaPost.length > 5, 'over several pages');
  const ascending = await pages({ method: 'GET', url: '/search?sortby=datetime&limit=100' });
  t.same(keysOf(ascending), expectedOrder([['datetime', 'asc', time]]), 'datetime ascending');
});

t.test('sortby on a document property orders its JSON values; items without it come as nulls do', async (t) => {
  const elevation = (i: StoredItem) => i.properties['view:sun_elevation'];
  const got = await pages({ method: 'POST', body: { limit: 25, sortby: [{ field: 'view:sun_elevation', direction: 'desc' }] } });
  t.same(keysOf(got), expectedOrder([['view:sun_elevation', 'desc', elevation]]));
  const asc = await pages({ method: 'GET', url: '/search?sortby=naip:state,-gsd&limit=60' });
  t.same(keysOf(asc), expectedOrder([['naip:state', 'asc', (i) => i.properties['naip:state']], ['gsd', 'desc', (i) => i.properties.gsd]]));
});

t.test('prev links walk back through sorted pages', async (t) => {
  const forward = await pages({ method: 'GET', url: '/search?sortby=-eo:cloud_cover&limit=30' });
  const last = forward.at(-1) as Page;
  const back: string[][] = [];
  let page: Page = last;
  for (;;) {
    const prev = page.links.find((l) => l.rel === 'prev');
    if (prev === undefined) break;
    page = (await app.inject({ url: new URL(prev.href).pathname + new URL(prev.href).search })).json<Page>();
    back.unshift(page.features.map((f) => `${f.collection}/${f.id}`));
  }
  t.same(back, forward.slice(0, -1).map((p) => p.features.map((f) => `${f.collection}/${f.id}`)), 'the same pages, backwards');
});

t.test('sortby errors: the geometry, unknown names, bad directions and repeats are 400s', async (t) => {
  const code = async (request: Request) =>
    (await app.inject(request.method === 'GET' ? { url: request.url } : { method: 'POST', url: '/search', payload: request.body })).json().code;
  t.equal(await code({ method: 'GET', url: '/search?sortby=geometry' }), 'InvalidSortby');
  t.equal(await code({ method: 'GET', url: '/search?sortby=nothing_like_this' }), 'UnknownQueryable');
  t.equal(await code({ method: 'GET', url: '/search?sortby=id,-id' }), 'InvalidSortby');
  t.equal(await code({ method: 'GET', url: '/search?sortby=-' }), 'InvalidSortby');
  t.equal(await code({ method: 'POST', body: { sortby: [{ field: 'id', direction: 'up' }] } }), 'InvalidSortby');
  t.equal(await code({ method: 'POST', body: { sortby: [{ direction: 'asc' }] } }), 'InvalidSortby');
});

t.test('without fields the whole stored item is answered, with its links', async (t) => {
  const [page] = await pages({ method: 'GET', url: '/search?collections=rx-usgs-landsat-c2-landsat-c2l2-sr&limit=100' });
  for (const feature of page?.features ?? []) {
    const { links, ...rest } = feature;
    const { links: _ownLinks, ...document } = (byKey.get(`${feature.collection}/${feature.id}`) as StoredItem).document;
    t.same(rest, document, feature.id);
    t.same(
      (links as { rel: string }[]).filter((l) => ['self', 'parent', 'collection', 'root'].includes(l.rel)).map((l) => l.rel),
      ['self', 'parent', 'collection', 'root'],
    );
  }
});

t.test('fields: the default set, plus include, minus exclude; exclude wins; GET a,-b means the same', async (t) => {
  const DEFAULT = ['assets', 'bbox', 'collection', 'geometry', 'id', 'links', 'properties', 'stac_version', 'type'];
  const first = async (request: Request) => ((await pages(request))[0] as Page).features;
  const collection = 'rx-planetary-computer-samples-landsat-c2-l2';
  const defaults = await first({ method: 'POST', body: { collections: [collection], fields: {} } });
  for (const f of defaults) {
    t.same(Object.keys(f).sort(), DEFAULT, 'the default fields');
    t.same(Object.keys(f.properties ?? {}), ['datetime']);
  }
  const included = await first({ method: 'GET', url: `/search?collections=${collection}&fields=properties.eo:cloud_cover,-geometry,-assets` });
  for (const f of included) {
    t.same(Object.keys(f).sort(), DEFAULT.filter((k) => k !== 'geometry' && k !== 'assets'));
    t.same(Object.keys(f.properties ?? {}).sort(), ['datetime', 'eo:cloud_cover']);
    t.equal(f.properties?.['eo:cloud_cover'], cloud(byKey.get(`${f.collection}/${f.id}`) as StoredItem));
  }
  const post = await first({ method: 'POST', body: { collections: [collection], fields: { include: ['properties.eo:cloud_cover'], exclude: ['geometry', 'assets'] } } });
  t.same(post, included, 'POST include/exclude equals GET');
  const assetsOf = (i: StoredItem) => Object.keys(i.document.assets as object);
  const inCollection = stored.filter((i) => i.collection === collection);
  const common = assetsOf(inCollection[0] as StoredItem).find((a) => inCollection.every((i) => assetsOf(i).includes(a))) as string;
  t.ok(common, `every item has the asset "${common}"`);
  const excludeWins = await first({ method: 'POST', body: { collections: [collection], fields: { include: ['properties', 'links'], exclude: ['properties', 'links', `assets.${common}`] } } });
  for (const f of excludeWins) {
    t.notOk('properties' in f, 'a parent excluded though included');
    t.notOk('links' in f);
    const assets = assetsOf(byKey.get(`${f.collection}/${f.id}`) as StoredItem);
    t.same(Object.keys(f.assets as object).sort(), assets.filter((a) => a !== common).sort(), 'a nested exclude removes only that asset');
  }
  const childExcluded = await first({ method: 'GET', url: `/search?collections=${collection}&fields=properties,-properties.platform` });
  for (const f of childExcluded) {
    const document = (byKey.get(`${f.collection}/${f.id}`) as StoredItem).properties;
    const { platform: _platform, ...rest } = document;
    t.same(f.properties, rest, 'all properties but the excluded one');
  }
});

t.test('fields survive paging: next links carry them, GET and POST', async (t) => {
  for (const request of [
    { method: 'GET', url: '/search?fields=id,-geometry,-assets,-links&limit=50' },
    { method: 'POST', body: { limit: 50, fields: { include: ['id'], exclude: ['geometry', 'assets', 'links'] } } },
  ] as Request[]) {
    const all = await pages(request);
    t.ok(all.length > 3);
    t.ok(all.every((page) => page.features.every((f) => !('geometry' in f) && !('assets' in f) && !('links' in f))));
    t.equal(keysOf(all).length, stored.length);
  }
  t.equal((await app.inject({ url: '/search?fields=a..b' })).json().code, 'InvalidFields');
  t.equal((await app.inject({ method: 'POST', url: '/search', payload: { fields: { include: 'id' } } })).statusCode, 400);
});

t.test('/conformance lists item search with its extensions, filter classes, and aggregation', async (t) => {
  const { conformsTo } = (await app.inject({ url: '/conformance' })).json<{ conformsTo: string[] }>();
  for (const uri of [
    'https://api.stacspec.org/v1.0.0/item-search',
    'https://api.stacspec.org/v1.0.0/item-search#sort',
    'https://api.stacspec.org/v1.0.0/item-search#fields',
    'https://api.stacspec.org/v1.0.0/item-search#filter',
    'https://api.stacspec.org/v1.0.0/item-search#query',
    'https://api.stacspec.org/v1.0.0/ogcapi-features#sort',
    'https://api.stacspec.org/v1.0.0/ogcapi-features#fields',
    'https://api.stacspec.org/v1.0.0/ogcapi-features#filter',
    'https://api.stacspec.org/v1.0.0/ogcapi-features#query',
    'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
    'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
    'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
    'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
    'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
    'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
    'http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison',
    'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
    'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus',
    'http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions',
    'http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions',
    'http://www.opengis.net/spec/cql2/1.0/conf/array-functions',
    'http://www.opengis.net/spec/cql2/1.0/conf/property-property',
    'http://www.opengis.net/spec/cql2/1.0/conf/arithmetic',
    'https://api.stacspec.org/v0.3.0/aggregation',
  ]) {
    t.ok(conformsTo.includes(uri), uri);
  }
  t.notOk(conformsTo.includes('http://www.opengis.net/spec/cql2/1.0/conf/accent-insensitive-comparison'), 'no ACCENTI');
  t.notOk(conformsTo.includes('http://www.opengis.net/spec/cql2/1.0/conf/functions'), 'no custom functions');
});
