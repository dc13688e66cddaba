import t from 'tap';
import { CRS84, parseFilter } from '../../../src/stac/search/parse-filter.js';
import { parseQueryExtension } from '../../../src/stac/search/parse-query-extension.js';

const lessThanTen = { kind: 'comparison', op: '<', left: { kind: 'property', name: 'eo:cloud_cover' }, right: { kind: 'literal', type: 'number', value: 10 } };

t.test('filter: text by default in GET, JSON by default in POST, either when named', async (t) => {
  t.same(parseFilter('eo:cloud_cover < 10', undefined, undefined, 'get'), lessThanTen);
  t.same(parseFilter({ op: '<', args: [{ property: 'eo:cloud_cover' }, 10] }, undefined, undefined, 'post'), lessThanTen);
  t.same(parseFilter('eo:cloud_cover < 10', undefined, CRS84, 'post'), lessThanTen, 'a string in POST is text');
  t.same(parseFilter('{"op":"<","args":[{"property":"eo:cloud_cover"},10]}', 'cql2-json', undefined, 'get'), lessThanTen);
  t.throws(() => parseFilter('x = 1', undefined, 'EPSG:4326', 'get'), { code: 'InvalidFilter', message: /filter-crs/ });
  t.throws(() => parseFilter('x = 1', 'cql3', undefined, 'get'), { code: 'InvalidFilter', message: /filter-lang/ });
  t.throws(() => parseFilter({ op: '=' }, 'cql2-text', undefined, 'post'), { code: 'InvalidFilter' });
  t.throws(() => parseFilter('{"op":', 'cql2-json', undefined, 'get'), { code: 'InvalidFilter', message: /JSON/ });
  t.throws(() => parseFilter('x = ', undefined, undefined, 'get'), { code: 'InvalidFilter', message: /offset 4/ });
});

t.test('the query extension becomes the CQL2 it means', async (t) => {
  t.same(parseQueryExtension({ 'properties.eo:cloud_cover': { lt: 10 } }), lessThanTen);
  t.same(parseQueryExtension('{"platform":{"startsWith":"s2_%","in":["a"]}}'), {
    kind: 'and',
    args: [
      { kind: 'like', value: { kind: 'property', name: 'platform' }, pattern: { kind: 'literal', type: 'string', value: 's2\\_\\%%' } },
      { kind: 'in', value: { kind: 'property', name: 'platform' }, list: [{ kind: 'literal', type: 'string', value: 'a' }] },
    ],
  });
  t.same(parseQueryExtension({ a: { endsWith: 'x' }, b: { contains: 'y', neq: true } }), {
    kind: 'and',
    args: [
      { kind: 'like', value: { kind: 'property', name: 'a' }, pattern: { kind: 'literal', type: 'string', value: '%x' } },
      { kind: 'like', value: { kind: 'property', name: 'b' }, pattern: { kind: 'literal', type: 'string', value: '%y%' } },
      { kind: 'comparison', op: '<>', left: { kind: 'property', name: 'b' }, right: { kind: 'literal', type: 'boolean', value: true } },
    ],
  });
  t.equal(parseQueryExtension({}), null);
  for (const bad of ['{', [], { a: 1 }, { a: {} }, { a: { like: 'x' } }, { a: { in: [] } }, { a: { eq: null } }, { a: { startsWith: 3 } }, { '': { eq: 1 } }]) {
    t.throws(() => parseQueryExtension(bad), { code: 'InvalidQuery' }, JSON.stringify(bad));
  }
});
