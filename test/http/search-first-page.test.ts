// A first page the planner expects to match more than 1,000 items walks the default order's index
// and stops after the page, uncounted, instead of reading and sorting every match; one expected to
// match fewer reads, counts and sorts them. Both must give the same items. 1,200 items an hour apart,
// the table analysed so that the estimates are the planner's own: three of them (one every 500 hours)
// lie 10 degrees west of the rest and are the only ones of group "sparse".
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
const BOTH = [162, 1, 174, 2];
const dense = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !SPARSE.has(i));

t.test('a first page expected to match many is walked, uncounted, and the paging finds every match once', async (t) => {
  const { ids, pages } = await postPages(app, { bbox: EAST, datetime: `${datetime(0)}/${datetime(COUNT)}`, limit: 100 });
  t.equal(pages[0]?.numberMatched, undefined, 'no count: the planner expected more than 1,000 matches');
  t.same(ids, newestFirst(dense));
});

t.test('a first page expected to match many whose matches are far apart in time falls back to their indexes', async (t) => {
  // The planner cannot tell how few items are not "dense" and expects nearly all of them to match.
  const filter = { op: 'not', args: [{ op: '=', args: [{ property: 'group' }, 'dense'] }] };
  const { ids, pages } = await postPages(app, { bbox: BOTH, filter, 'filter-lang': 'cql2-json', limit: 1 });
  t.equal(pages[0]?.numberMatched, undefined, 'no count: the planner expected more than 1,000 matches');
  t.same(ids, newestFirst([...SPARSE]));
});

t.test('a first page expected to match few is counted', async (t) => {
  const { ids, pages } = await postPages(app, { bbox: EAST, datetime: `${datetime(100)}/${datetime(199)}`, limit: 30 });
  t.equal(pages[0]?.numberMatched, 100);
  t.same(ids, newestFirst(dense.filter((i) => i >= 100 && i <= 199)));
});
