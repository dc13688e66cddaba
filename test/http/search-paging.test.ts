// Later pages in the default order are read by walking the sort index from the token's position,
// for a bounded number of rows, and otherwise by the matches' own indexes: both ways must give the
// same pages. 600 items an hour apart: three of them (one every 250 hours) lie 10 degrees west of the
// rest, so a search there finds its next match only beyond the walk's reach (100 rows per row of a
// page), while a search over the others fills every page within a few rows.
import t from 'tap';
import { hourlyItems, postPages } from '../helpers/hourly-items.js';
import { exampleCollection } from '../helpers/stac-fixtures.js';
import { createTestApp } from '../helpers/test-app.js';

const { app, auth } = await createTestApp(t);
const key = await auth('member', 'KZ');
const COUNT = 600;
const SPARSE = new Set([0, 250, 500]);
const { datetime, features, newestFirst } = hourlyItems('deep', COUNT, SPARSE);

await app.inject({ method: 'POST', url: '/collections', headers: key, payload: exampleCollection('deep') });
const stored = await app.inject({ method: 'POST', url: '/collections/deep/items', headers: key, payload: { type: 'FeatureCollection', features } });
t.equal(stored.statusCode, 201, 'all items stored');

// The example footprint lies near 172.93°E 1.36°N; the sparse ones near 162.93°E.
const WEST = [162, 1, 164, 2];
const EAST = [172, 1, 174, 2];

const all = Array.from({ length: COUNT }, (_, i) => i);

t.test('matches farther apart than the walk reaches are found by their own index, none missed', async (t) => {
  const { ids, pages } = await postPages(app, { collections: ['deep'], bbox: WEST, limit: 1 });
  t.same(ids, newestFirst([...SPARSE]));
  t.equal(pages.length, 3);
  t.equal(pages[0]?.numberMatched, 3, 'the first page counts the matches');
});

t.test('the same with a datetime window, whose end bounds the walk', async (t) => {
  const { ids } = await postPages(app, { collections: ['deep'], bbox: WEST, datetime: `${datetime(0)}/${datetime(400)}`, limit: 1 });
  t.same(ids, newestFirst([0, 250]));
});

t.test('dense matches page by the walk: every match once, in order', async (t) => {
  const window = { from: 37, to: 555 };
  const { ids, pages } = await postPages(app, {
    collections: ['deep'],
    bbox: EAST,
    datetime: `${datetime(window.from)}/${datetime(window.to)}`,
    limit: 7,
  });
  const expected = newestFirst(all.filter((i) => !SPARSE.has(i) && i >= window.from && i <= window.to));
  t.same(ids, expected);
  t.equal(pages.length, Math.ceil(expected.length / 7));
  t.ok(pages.slice(1).every((p) => p.numberMatched === undefined), 'later pages are not counted');
});

t.test('a page whose walk runs out of items (the last ones) still ends the paging right', async (t) => {
  const { ids } = await postPages(app, { collections: ['deep'], limit: 250 });
  t.same(ids, newestFirst(all));
});
