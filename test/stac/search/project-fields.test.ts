import t from 'tap';
import { projectFields } from '../../../src/stac/search/project-fields.js';
import { mapCql2Geometries } from '../../../src/stac/search/map-cql2-geometries.js';
import { parseCql2Text } from '../../../src/stac/cql2/index.js';

const item = {
  type: 'Feature',
  stac_version: '1.1.0',
  id: 'a',
  collection: 'c',
  bbox: [0, 0, 1, 1],
  geometry: { type: 'Point', coordinates: [0, 0] },
  properties: { datetime: '2024-01-01T00:00:00Z', platform: 'p', 'eo:cloud_cover': 3 },
  assets: { data: { href: 'd' }, thumbnail: { href: 't' } },
  links: [],
  extra: { deep: { deeper: 1, other: 2 } },
};

t.test('the default set, includes, and excludes that win', async (t) => {
  const { extra: _extra, ...withoutExtra } = item;
  t.same(projectFields(item, { include: [], exclude: [] }), { ...withoutExtra, properties: { datetime: '2024-01-01T00:00:00Z' } });
  t.same(projectFields(item, { include: ['properties.platform', 'extra.deep.deeper'], exclude: ['geometry', 'assets.thumbnail'] }), {
    type: 'Feature',
    stac_version: '1.1.0',
    id: 'a',
    collection: 'c',
    bbox: [0, 0, 1, 1],
    links: [],
    assets: { data: { href: 'd' } },
    properties: { datetime: '2024-01-01T00:00:00Z', platform: 'p' },
    extra: { deep: { deeper: 1 } },
  });
  t.same(Object.keys(projectFields(item, { include: ['properties'], exclude: ['properties'] })).includes('properties'), false);
  t.same(projectFields(item, { include: ['nothing.here'], exclude: ['not.there'] }).id, 'a', 'missing paths are skipped');
  t.equal(item.assets.thumbnail.href, 't', 'the item is not changed');
});

t.test('mapCql2Geometries rebuilds the tree with every geometry literal replaced', async (t) => {
  const tree = parseCql2Text("S_INTERSECTS(geometry, POINT(1 2)) AND (NOT S_WITHIN(geometry, BBOX(0, 0, 3, 3)) OR platform = 'x')");
  const seen: string[] = [];
  const mapped = mapCql2Geometries(tree, (node) => {
    seen.push(node.geometry.type);
    return { ...node, geometry: { type: 'Point', coordinates: [9, 9] } };
  });
  t.same(seen, ['Point', 'Polygon']);
  t.match(JSON.stringify(mapped), /\[9,9\].*\[9,9\]/);
  t.notMatch(JSON.stringify(tree), /\[9,9\]/, 'the original is untouched');
});
