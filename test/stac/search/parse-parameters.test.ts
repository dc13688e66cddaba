import t from 'tap';
import { parseFields } from '../../../src/stac/search/parse-fields.js';
import { parseLimit } from '../../../src/stac/search/parse-limit.js';
import { parseSortby } from '../../../src/stac/search/parse-sortby.js';
import { parseStringList } from '../../../src/stac/search/parse-string-list.js';

t.test('limit: default 10, the maximum above it, InvalidLimit below 1 or not an integer', async (t) => {
  t.equal(parseLimit(null, 10_000), 10);
  t.equal(parseLimit(null, 5), 5, 'the default never exceeds the maximum');
  t.equal(parseLimit('250', 10_000), 250);
  t.equal(parseLimit(99_999, 10_000), 10_000);
  for (const bad of [0, -1, 2.5, '2.5', 'ten', '', '1e3', true, [3]]) t.throws(() => parseLimit(bad, 100), { code: 'InvalidLimit' }, JSON.stringify(bad));
});

t.test('sortby: GET signs (a + turned into a space included) and POST objects, properties. dropped', async (t) => {
  t.same(parseSortby('-properties.datetime,+id, eo:cloud_cover'), [
    { field: 'datetime', direction: 'desc' },
    { field: 'id', direction: 'asc' },
    { field: 'eo:cloud_cover', direction: 'asc' },
  ]);
  t.same(parseSortby([{ field: 'properties.gsd', direction: 'DESC' }, { field: 'id' }]), [
    { field: 'gsd', direction: 'desc' },
    { field: 'id', direction: 'asc' },
  ]);
  for (const bad of ['', '-', 'id,id', [], [{ field: 'id', direction: 'up' }], [{ direction: 'asc' }], [{ field: 'id', extra: 1 }], 5]) {
    t.throws(() => parseSortby(bad), { code: 'InvalidSortby' }, JSON.stringify(bad));
  }
});

t.test('fields: GET a,-b and POST include/exclude', async (t) => {
  t.same(parseFields('id,-geometry,+properties.eo:cloud_cover, assets'), {
    include: ['id', 'properties.eo:cloud_cover', 'assets'],
    exclude: ['geometry'],
  });
  t.same(parseFields({ include: ['a.b'] }), { include: ['a.b'], exclude: [] });
  t.same(parseFields({}), { include: [], exclude: [] });
  for (const bad of ['a..b', { include: 'id' }, { colour: [] }, [], 3]) t.throws(() => parseFields(bad), { code: 'InvalidFields' }, JSON.stringify(bad));
});

t.test('ids and collections: comma-separated or arrays, never empty', async (t) => {
  t.same(parseStringList('a, b,,a', 'ids'), ['a', 'b']);
  t.same(parseStringList(['x', 'y'], 'collections'), ['x', 'y']);
  t.throws(() => parseStringList(',', 'ids'), { code: 'InvalidParameter', message: /ids/ });
  t.throws(() => parseStringList([1], 'collections'), { code: 'InvalidParameter', message: /collections/ });
});
