// A first page the planner expects to match more than 1,000 items walks the default order's index
// and stops after the page, uncounted, instead of reading and sorting every match; one expected to
// match fewer reads, counts and sorts them. Both must give the same items. 1,200 items an hour apart,
// the table analysed so that the estimates are the planner's own: three of them (one every 500 hours)
// lie 10 degrees west of the rest and are the only ones of group "sparse".
import { sql } from 'kysely';
import t from 'tap';
import { createTestApp } from '../helpers/test-app.js';
import { exampleCollection, exampleItem } from '../helpers/stac-fixtures.js';

const { app, auth, database } = await createTestApp(t);
const key = await auth('member', 'KZ');
const COUNT = 1_200;
const SPARSE = new Set([0, 500, 1000]);
const START = Date.parse('2024-01-01T00:00:00Z');
const id = (i: number) => `many-${String(i).padStart(4, '0')}`;
const datetime = (i: number) => new Date(START + i * 3_600_000).toISOString();

await app.inject({ method: 'POST', url: '/collections', headers: key, payload: exampleCollection('many') });
const features = Array.from({ length: COUNT }, (_, i) => {
  const item = exampleItem(id(i), 'many', { datetime: datetime(i), shiftDeg: SPARSE.has(i) ? -10 : 0 });
  (item.properties as Record<string, unknown>).group = SPARSE.has(i) ? 'sparse' : 'dense';
  return item;
});
const stored = await app.inject({ method: 'POST', url: '/collections/many/items', headers: key, payload: { type: 'FeatureCollection', features } });
await sql`ANALYZE items`.execute(database.db);
t.equal(stored.statusCode, 201, 'all items stored');

// The example footprint lies near 172.93°E 1.36°N; the sparse ones near 162.93°E.
const EAST = [172, 1, 174, 2];
const BOTH = [162, 1, 174, 2];

interface Page {
  numberMatched?: number;
  features: { id: string }[];
  links: { rel: string; body?: Record<string, unknown> }[];
}

async function pageThrough(body: Record<string, unknown>): Promise<Page[]> {
  const pages: Page[] = [];
  let next: Record<string, unknown> | undefined = body;
  while (next !== undefined) {
    const response = await app.inject({ method: 'POST', url: '/search', payload: next });
    if (response.statusCode !== 200) throw new Error(`search answered ${response.statusCode}: ${response.body}`);
    const page = response.json() as Page;
    pages.push(page);
    next = page.links.find((l) => l.rel === 'next')?.body;
  }
  return pages;
}

const newestFirst = (indexes: number[]) => [...indexes].sort((a, b) => b - a).map(id);
const dense = Array.from({ length: COUNT }, (_, i) => i).filter((i) => !SPARSE.has(i));

t.test('a first page expected to match many is walked, uncounted, and the paging finds every match once', async (t) => {
  const pages = await pageThrough({ bbox: EAST, datetime: `${datetime(0)}/${datetime(COUNT)}`, limit: 100 });
  t.equal(pages[0]?.numberMatched, undefined, 'no count: the planner expected more than 1,000 matches');
  t.same(
    pages.flatMap((p) => p.features.map((f) => f.id)),
    newestFirst(dense),
  );
});

t.test('a first page expected to match many whose matches are far apart in time falls back to their indexes', async (t) => {
  // The planner cannot tell how few items are not "dense" and expects nearly all of them to match.
  const filter = { op: 'not', args: [{ op: '=', args: [{ property: 'group' }, 'dense'] }] };
  const pages = await pageThrough({ bbox: BOTH, filter, 'filter-lang': 'cql2-json', limit: 1 });
  t.equal(pages[0]?.numberMatched, undefined, 'no count: the planner expected more than 1,000 matches');
  t.same(
    pages.flatMap((p) => p.features.map((f) => f.id)),
    newestFirst([...SPARSE]),
  );
});

t.test('a first page expected to match few is counted', async (t) => {
  const pages = await pageThrough({ bbox: EAST, datetime: `${datetime(100)}/${datetime(199)}`, limit: 30 });
  t.equal(pages[0]?.numberMatched, 100);
  t.same(
    pages.flatMap((p) => p.features.map((f) => f.id)),
    newestFirst(dense.filter((i) => i >= 100 && i <= 199)),
  );
});
