import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { bboxPolygons, collectionOf, footprintIntersects, itemInterval, loadRealItems, type StoredItem } from '../catalog/search/real-items.js';

const { app, auth, database } = await createTestApp(t);
const kz = await auth('member', 'KZ');
const folders = [
  'earth-search-s2-l2a-cogs',
  'pgstac-testdata',
  'planetary-computer-samples/io-lulc-annual-v02',
  'planetary-computer-samples/sentinel-2-l2a',
  'usgs-landsat-c2/landsat-c2l2-sr',
  'stac-server-fixtures/sentinel-1-grd',
];
const stored = await loadRealItems(app, database, kz, folders);

interface Bucket {
  key: string;
  data_type: string;
  frequency: number;
  from?: number;
  to?: number;
}
interface Aggregation {
  name: string;
  data_type: string;
  value?: number | string | null;
  buckets?: Bucket[];
  overflow?: number;
}
interface AggregationCollection {
  type: string;
  aggregations: Aggregation[];
  links: { rel: string; href: string }[];
}

/** What each aggregation should say about `items`, worked out from the stored documents. */
function expected(items: StoredItem[], interval: 'day' | 'month' | 'year') {
  const time = (i: StoredItem) => new Date(Date.parse(String(i.properties.datetime ?? i.properties.start_datetime)));
  const terms = (value: (i: StoredItem) => unknown) => {
    const counts = new Map<string, number>();
    for (const item of items) {
      const v = value(item);
      if (typeof v === 'string') counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return counts;
  };
  const bucketStart = (d: Date) => {
    const iso = d.toISOString();
    return interval === 'year' ? `${iso.slice(0, 4)}-01-01T00:00:00Z` : interval === 'month' ? `${iso.slice(0, 7)}-01T00:00:00Z` : `${iso.slice(0, 10)}T00:00:00Z`;
  };
  const clouds = items.map((i) => i.properties['eo:cloud_cover']).filter((c): c is number => typeof c === 'number');
  const cloudBuckets = new Map<number, number>();
  for (const c of clouds) cloudBuckets.set(Math.min(Math.floor(c / 10), 9) * 10, (cloudBuckets.get(Math.min(Math.floor(c / 10), 9) * 10) ?? 0) + 1);
  const times = items.map((i) => time(i).getTime()).sort((a, b) => a - b);
  return {
    total: items.length,
    collections: terms((i) => i.collection),
    platforms: terms((i) => i.properties.platform),
    constellations: terms((i) => i.properties.constellation),
    datetimes: terms((i) => bucketStart(time(i))),
    clouds: cloudBuckets,
    cloudOverflow: items.length - clouds.length,
    min: times[0],
    max: times.at(-1),
  };
}

/** A subtest, as tap hands it to a test function. */
type Subtest = Parameters<Parameters<typeof t.test>[0]>[0];

const asMap = (buckets: Bucket[] | undefined) => new Map((buckets ?? []).map((b) => [b.key, b.frequency]));

function checkAnswer(t: Subtest, answer: AggregationCollection, items: StoredItem[], interval: 'day' | 'month' | 'year') {
  const want = expected(items, interval);
  const named = (name: string) => answer.aggregations.find((a) => a.name === name) as Aggregation;
  t.equal(answer.type, 'AggregationCollection');
  t.same(named('total_count'), { name: 'total_count', data_type: 'integer', value: want.total });
  t.same(asMap(named('collection_frequency').buckets), want.collections);
  t.same(asMap(named('platform_frequency').buckets), want.platforms);
  t.equal(named('platform_frequency').overflow, want.total - [...want.platforms.values()].reduce((a, b) => a + b, 0), 'items without a platform overflow');
  t.same(asMap(named('constellation_frequency').buckets), want.constellations);
  t.same(asMap(named('datetime_frequency').buckets), want.datetimes);
  t.same(
    named('datetime_frequency').buckets?.map((b) => b.key),
    [...want.datetimes.keys()].sort(),
    'datetime buckets in time order',
  );
  const clouds = named('cloud_cover_frequency');
  t.same(new Map((clouds.buckets ?? []).map((b) => [b.from, b.frequency])), want.clouds);
  t.ok((clouds.buckets ?? []).every((b) => b.to === (b.from as number) + 10 && b.key === `${b.from}-${b.to}` && b.data_type === 'numeric'));
  t.equal(clouds.overflow, want.cloudOverflow);
  t.equal(named('datetime_min').data_type, 'datetime');
  t.equal(Date.parse(String(named('datetime_min').value)), want.min);
  t.equal(Date.parse(String(named('datetime_max').value)), want.max);
}

const ALL = 'total_count,datetime_min,datetime_max,collection_frequency,platform_frequency,constellation_frequency,datetime_frequency,cloud_cover_frequency';

t.test('GET /aggregations and /collections/{c}/aggregations list the aggregations', async (t) => {
  const list = (await app.inject({ url: '/aggregations' })).json<AggregationCollection>();
  t.same(list.aggregations.map((a) => a.name).sort(), ALL.split(',').sort());
  t.ok(list.aggregations.every((a) => typeof a.data_type === 'string'));
  t.same(list.links.map((l) => l.rel), ['root', 'self']);
  const collection = (await app.inject({ url: `/collections/${collectionOf('pgstac-testdata')}/aggregations` })).json<AggregationCollection>();
  t.same(collection.aggregations, list.aggregations);
  t.equal((await app.inject({ url: '/collections/none/aggregations' })).statusCode, 404);
});

t.test('GET /aggregate over everything, by month, day and year', async (t) => {
  for (const interval of ['month', 'day', 'year'] as const) {
    const response = await app.inject({ url: `/aggregate?aggregations=${ALL}&datetime_frequency_interval=${interval}` });
    t.equal(response.statusCode, 200);
    checkAnswer(t, response.json(), stored, interval);
  }
  const byDefault = (await app.inject({ url: '/aggregate' })).json<AggregationCollection>();
  t.same(byDefault.aggregations.map((a) => a.name).sort(), ALL.split(',').sort(), 'all of them when none is named');
});

t.test('the search parameters apply: bbox, datetime, collections, filter, query, intersects', async (t) => {
  const box: [number, number, number, number] = [170, -85, 180, -80];
  const window = ['2019-01-01T00:00:00Z', '2019-12-31T23:59:59Z'] as const;
  const inBoxAndWindow = stored.filter((i) => {
    const [s, e] = itemInterval(i);
    return footprintIntersects(i, bboxPolygons(box)) && s <= Date.parse(window[1]) && e >= Date.parse(window[0]);
  });
  t.ok(inBoxAndWindow.length > 3);
  const get = await app.inject({ url: `/aggregate?aggregations=${ALL}&bbox=${box.join(',')}&datetime=${window.join('/')}` });
  checkAnswer(t, get.json(), inBoxAndWindow, 'month');
  const post = await app.inject({ method: 'POST', url: '/aggregate', payload: { aggregations: ALL.split(','), bbox: box, datetime: window.join('/') } });
  t.same(post.json<AggregationCollection>().aggregations, get.json<AggregationCollection>().aggregations, 'POST equals GET');
  const cloudy = stored.filter((i) => typeof i.properties['eo:cloud_cover'] === 'number' && (i.properties['eo:cloud_cover'] as number) >= 50);
  const filtered = await app.inject({ method: 'POST', url: '/aggregate', payload: { aggregations: ALL.split(','), filter: { op: '>=', args: [{ property: 'eo:cloud_cover' }, 50] } } });
  checkAnswer(t, filtered.json(), cloudy, 'month');
  const queried = await app.inject({ url: `/aggregate?aggregations=${ALL}&query=${encodeURIComponent(JSON.stringify({ 'eo:cloud_cover': { gte: 50 } }))}` });
  t.same(queried.json<AggregationCollection>().aggregations, filtered.json<AggregationCollection>().aggregations, 'query equals filter');
  const collection = collectionOf('usgs-landsat-c2/landsat-c2l2-sr');
  const scoped = await app.inject({ url: `/collections/${collection}/aggregate?aggregations=${ALL}` });
  checkAnswer(t, scoped.json(), stored.filter((i) => i.collection === collection), 'month');
  t.same(scoped.json<AggregationCollection>().links.map((l) => [l.rel, l.href]), [
    ['root', 'http://localhost:80/'],
    ['self', `http://localhost:80/collections/${collection}/aggregate?aggregations=${encodeURIComponent(ALL)}`],
  ]);
  const antimeridian = stored.filter((i) => footprintIntersects(i, bboxPolygons([175, 50, -175, 75])));
  const crossing = await app.inject({ method: 'POST', url: '/aggregate', payload: { aggregations: ['total_count'], intersects: { type: 'Polygon', coordinates: [[[175, 50], [-175, 50], [-175, 75], [175, 75], [175, 50]]] } } });
  t.equal(crossing.json<AggregationCollection>().aggregations[0]?.value, antimeridian.length);
  t.ok(antimeridian.length > 0);
  const none = await app.inject({ url: '/aggregate?aggregations=total_count,datetime_min&ids=nothing' });
  t.same(none.json<AggregationCollection>().aggregations, [
    { name: 'total_count', data_type: 'integer', value: 0 },
    { name: 'datetime_min', data_type: 'datetime', value: null },
  ]);
});

t.test('bad aggregation requests are 400s; limit and sortby are not parameters of /aggregate', async (t) => {
  t.equal((await app.inject({ url: '/aggregate?aggregations=nonsense_frequency' })).json().code, 'InvalidAggregation');
  t.equal((await app.inject({ url: '/aggregate?datetime_frequency_interval=week' })).statusCode, 400);
  t.equal((await app.inject({ url: '/aggregate?limit=10' })).statusCode, 400);
  t.equal((await app.inject({ url: '/aggregate?bbox=1,2,3' })).json().code, 'InvalidBbox');
  t.equal((await app.inject({ url: `/collections/${collectionOf('pgstac-testdata')}/aggregate?collections=x` })).statusCode, 400);
  t.equal((await app.inject({ url: '/collections/none/aggregate' })).statusCode, 404);
});
