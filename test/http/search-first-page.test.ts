// How a first page in the default order (newest first) is read, and that every way gives the same
// items. A search by place within a window with both ends reads the window's newest parts first
// and stops at the first that holds a page, uncounted; when none does, it reads, counts and sorts
// every match. Other first pages the planner expects to match more than 1,000 items walk the
// default order's index and stop after the page, uncounted. 1,200 items an hour apart, the table
// analysed so that the estimates are the planner's own: three of them (one every 500 hours) lie 10
// degrees west of the rest and are the only ones of group "sparse".
import { sql } from 'kysely';
import t from 'tap';
import { hourlyItems, postPages } from '../helpers/hourly-items.js';
import { exampleCollection } from '../helpers/stac-fixtures.js';
import { createTestApp } from '../helpers/test-app.js';

const { app, auth, database } = await createTestApp(t);
const key = await auth('member', 'KZ');
const COUNT = 1_200;
const SPARSE = new Set([0, 500, 1000]);
const { datetime, features, newestFirst } = hourlyItems('many', COUNT, SPARSE);
features.forEach((item, i) => ((item.properties as Record<string, unknown>).group = SPARSE.has(i) ? 'sparse' : 'dense'));

await app.inject({ method: 'POST', url: '/collections', headers: key, payload: exampleCollection('many') });
const stored = await app.inject({ method: 'POST', url: '/collections/many/items', headers: key, payload: { type: 'FeatureCollection', features } });
await sql`ANALYZE items`.execute(database.db);
t.equal(stored.statusCode, 201, 'all items stored');

// The example footprint lies near 172.93°E 1.36°N; the sparse ones near 162.93°E.
const EAST = [172, 1, 174, 2];
const WEST = [162, 1, 164, 2];
const BOTH = [162, 1, 174, 2];
const dense = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !SPARSE.has(i));

t.test('a dense search by place and time takes its page from the newest part of the window, uncounted, and the paging finds every match once', async (t) => {
  // 50 days: the newest sixteenth (75 hours) holds more than a page of 20, the newest 1/256 does not.
  const { ids, pages } = await postPages(app, { bbox: EAST, datetime: `${datetime(0)}/${datetime(COUNT)}`, limit: 20 });
  t.equal(pages[0]?.numberMatched, undefined, 'no count: the page did not read every match');
  t.same(ids, newestFirst(dense));
});

t.test('a search by place and time whose newest parts hold less than a page reads, counts and sorts every match', async (t) => {
  const { ids, pages } = await postPages(app, { bbox: EAST, datetime: `${datetime(100)}/${datetime(199)}`, limit: 30 });
  t.equal(pages[0]?.numberMatched, 100);
  t.same(ids, newestFirst(dense.filter((i) => i >= 100 && i <= 199)));
});

t.test('a sparse search over a long window reads the whole window and counts it', async (t) => {
  const { ids, pages } = await postPages(app, { bbox: WEST, datetime: '2023-11-01T00:00:00Z/2024-05-01T00:00:00Z', limit: 2 });
  t.equal(pages[0]?.numberMatched, SPARSE.size);
  t.same(ids, newestFirst([...SPARSE]));
});

t.test('an item whose datetime lies after its own range is ordered by its datetime when a newer part fills the page', async (t) => {
  const late = hourlyItems('late', 40, new Set());
  const outlier = late.features[0] as { id: string; properties: Record<string, unknown> };
  outlier.id = 'late-outlier';
  Object.assign(outlier.properties, { datetime: '2024-01-03T00:00:00Z', start_datetime: late.datetime(0), end_datetime: late.datetime(2) });
  await app.inject({ method: 'POST', url: '/collections', headers: key, payload: exampleCollection('late') });
  const written = await app.inject({ method: 'POST', url: '/collections/late/items', headers: key, payload: { type: 'FeatureCollection', features: late.features } });
  t.equal(written.statusCode, 201);
  // 40 hours: the newest sixteenth (2.5 hours) holds two items, more than a page of one; the
  // outlier's range lies at the window's start, its datetime after every other item.
  const body = { collections: ['late'], bbox: EAST, datetime: `${late.datetime(0)}/${late.datetime(39)}`, limit: 1 };
  const { ids, pages } = await postPages(app, body);
  t.equal(pages[0]?.numberMatched, undefined, 'the page came from a part');
  t.same(ids, ['late-outlier', ...late.newestFirst(Array.from({ length: 39 }, (_, i) => i + 1))]);
});

t.test('a first page expected to match many whose matches are far apart in time falls back to their indexes', async (t) => {
  // No window: the planner cannot tell how few items are not "dense" and expects nearly all of them to match.
  const filter = { op: 'not', args: [{ op: '=', args: [{ property: 'group' }, 'dense'] }] };
  const { ids, pages } = await postPages(app, { bbox: BOTH, filter, 'filter-lang': 'cql2-json', limit: 1 });
  t.equal(pages[0]?.numberMatched, undefined, 'no count: the planner expected more than 1,000 matches');
  t.same(ids, newestFirst([...SPARSE]));
});

t.test('a first page without a place, expected to match many, is walked, uncounted', async (t) => {
  const { ids, pages } = await postPages(app, { collections: ['many'], datetime: `${datetime(0)}/${datetime(COUNT)}`, limit: 100 });
  t.equal(pages[0]?.numberMatched, undefined, 'no count: the planner expected more than 1,000 matches');
  t.same(ids, newestFirst(Array.from({ length: COUNT }, (_, i) => i)));
});
