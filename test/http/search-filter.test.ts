import { booleanContains, booleanCrosses, booleanEqual, booleanOverlap, booleanTouches, booleanWithin } from '@turf/turf';
import type { LightMyRequestResponse } from 'fastify';
import type { Geometry, LineString, Point, Polygon } from 'geojson';
import t from 'tap';
import { geometryToWkt } from '../../src/stac/cql2/geometry-to-wkt.js';
import { createTestApp } from '../helpers/test-app.js';
import { bboxPolygons, footprintIntersects, keysWhere, loadRealItems, type StoredItem } from '../catalog/search/real-items.js';

const { app, auth, database } = await createTestApp(t);
const kz = await auth('member', 'KZ');
const stored = await loadRealItems(app, database, kz);

interface Page {
  features: { id: string; collection: string }[];
  links: { rel: string; href: string; body?: Record<string, unknown> }[];
}

/** Every key a search returns, all pages followed. */
async function keys(request: { url: string } | { body: Record<string, unknown> }): Promise<string[]> {
  const found: string[] = [];
  let next: { url: string } | { body: Record<string, unknown> } | null = request;
  while (next !== null) {
    const response: LightMyRequestResponse = await app.inject('url' in next ? { url: next.url } : { method: 'POST', url: '/search', payload: next.body });
    if (response.statusCode !== 200) throw new Error(`${JSON.stringify(next)}: ${response.statusCode} ${response.body}`);
    const page: Page = response.json<Page>();
    found.push(...page.features.map((f) => `${f.collection}/${f.id}`));
    const link: Page['links'][number] | undefined = page.links.find((l) => l.rel === 'next');
    next = link === undefined ? null : link.body !== undefined ? { body: link.body } : { url: new URL(link.href).pathname + new URL(link.href).search };
  }
  return found.sort();
}

/** A subtest, as tap hands it to a test function. */
type Subtest = Parameters<Parameters<typeof t.test>[0]>[0];

/** A filter as CQL2 text (GET) and CQL2 JSON (POST) gives exactly the items `expected` accepts. */
async function check(t: Subtest, text: string, json: unknown, expected: (item: StoredItem) => boolean, options: { nonEmpty?: boolean } = {}) {
  const want = keysWhere(stored, expected);
  if (options.nonEmpty !== false) t.ok(want.length > 0, `${text}: the data has matches`);
  t.ok(want.length < stored.length, `${text}: the data has non-matches`);
  t.same(await keys({ url: `/search?limit=200&filter=${encodeURIComponent(text)}` }), want, `text: ${text}`);
  t.same(await keys({ body: { limit: 200, filter: json } }), want, `json: ${JSON.stringify(json)}`);
  t.same(await keys({ body: { limit: 200, filter: text, 'filter-lang': 'cql2-text' } }), want, `text in POST: ${text}`);
}

const p = (item: StoredItem, name: string): unknown => item.properties[name];
const num = (item: StoredItem, name: string): number | undefined => (typeof p(item, name) === 'number' ? (p(item, name) as number) : undefined);
const str = (item: StoredItem, name: string): string | undefined => (typeof p(item, name) === 'string' ? (p(item, name) as string) : undefined);
const prop = (name: string) => ({ property: name });

/** The polygons of a footprint (a MultiPolygon's parts); none for other types. */
function polygons(geometry: Geometry): Polygon[] {
  if (geometry.type === 'Polygon') return [geometry];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
  return [];
}

/** An RFC 3339 date-time as microseconds since 1970, exactly (a Date keeps milliseconds only). */
function micros(text: string): bigint {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/i.exec(text.trim());
  if (match === null) throw new Error(`not a date-time: ${text}`);
  const [, day, h, m, s, fraction, zone] = match as unknown as string[];
  const base = BigInt(Date.parse(`${day}T${h}:${m}:${s}${zone === undefined || zone.toUpperCase() === 'Z' ? 'Z' : zone}`)) * 1000n;
  return base + BigInt((fraction ?? '').padEnd(6, '0').slice(0, 6) || '0');
}

/** The item's interval in microseconds: [start_datetime ?? datetime, end_datetime ?? datetime]. */
function interval(item: StoredItem): [bigint, bigint] {
  const d = str(item, 'datetime');
  const s = str(item, 'start_datetime') ?? d;
  const e = str(item, 'end_datetime') ?? d;
  return [micros(s as string), micros(e as string)];
}

/** The item's time in the default order and in comparisons: datetime, else start_datetime. */
const time = (item: StoredItem) => micros((str(item, 'datetime') ?? str(item, 'start_datetime')) as string);

t.test('comparisons, AND, OR, NOT and IS NULL on promoted and document properties', async (t) => {
  await check(t, 'eo:cloud_cover < 10', { op: '<', args: [prop('eo:cloud_cover'), 10] }, (i) => (num(i, 'eo:cloud_cover') ?? Infinity) < 10);
  await check(t, "platform = 'landsat-8'", { op: '=', args: [prop('platform'), 'landsat-8'] }, (i) => str(i, 'platform') === 'landsat-8');
  await check(t, 'properties.gsd >= 30', { op: '>=', args: [prop('properties.gsd'), 30] }, (i) => (num(i, 'gsd') ?? -1) >= 30);
  await check(t, "collection <> 'rx-pgstac-testdata'", { op: '<>', args: [prop('collection'), 'rx-pgstac-testdata'] }, (i) => i.collection !== 'rx-pgstac-testdata');
  await check(t, "id = 'LC81530252014153LGN00'", { op: '=', args: [prop('id'), 'LC81530252014153LGN00'] }, (i) => i.id === 'LC81530252014153LGN00');
  await check(t, 'proj:epsg = 32617', { op: '=', args: [prop('proj:epsg'), 32617] }, (i) => num(i, 'proj:epsg') === 32617);
  await check(t, "naip:state = 'pr'", { op: '=', args: [prop('naip:state'), 'pr'] }, (i) => str(i, 'naip:state') === 'pr');
  await check(t, 'sentinel:valid_cloud_cover = true', { op: '=', args: [prop('sentinel:valid_cloud_cover'), true] }, (i) => p(i, 'sentinel:valid_cloud_cover') === true);
  await check(t, 'view:sun_elevation > 40', { op: '>', args: [prop('view:sun_elevation'), 40] }, (i) => (num(i, 'view:sun_elevation') ?? -Infinity) > 40);
  await check(
    t,
    "eo:cloud_cover < 5 AND (platform = 'sentinel-2b' OR gsd = 30)",
    { op: 'and', args: [{ op: '<', args: [prop('eo:cloud_cover'), 5] }, { op: 'or', args: [{ op: '=', args: [prop('platform'), 'sentinel-2b'] }, { op: '=', args: [prop('gsd'), 30] }] }] },
    (i) => (num(i, 'eo:cloud_cover') ?? Infinity) < 5 && (str(i, 'platform') === 'sentinel-2b' || num(i, 'gsd') === 30),
  );
  await check(
    t,
    'NOT (eo:cloud_cover > 50)',
    { op: 'not', args: [{ op: '>', args: [prop('eo:cloud_cover'), 50] }] },
    (i) => num(i, 'eo:cloud_cover') !== undefined && (num(i, 'eo:cloud_cover') as number) <= 50,
  );
  await check(t, 'eo:cloud_cover IS NULL', { op: 'isNull', args: [prop('eo:cloud_cover')] }, (i) => num(i, 'eo:cloud_cover') === undefined);
  await check(t, 'platform IS NOT NULL', { op: 'not', args: [{ op: 'isNull', args: [prop('platform')] }] }, (i) => str(i, 'platform') !== undefined);
  await check(t, 'proj:epsg IS NULL', { op: 'isNull', args: [prop('proj:epsg')] }, (i) => p(i, 'proj:epsg') === undefined || p(i, 'proj:epsg') === null);
  await check(t, 'datetime IS NULL', { op: 'isNull', args: [prop('datetime')] }, (i) => p(i, 'datetime') === null || p(i, 'datetime') === undefined);
  await check(t, 'geometry IS NULL', { op: 'isNull', args: [prop('geometry')] }, (i) => i.geometry === null);
});

t.test('datetime in comparisons is the item time (datetime, else start_datetime); DATE is the whole UTC day', async (t) => {
  const instant = '2020-01-01T00:00:00Z';
  await check(t, `datetime > TIMESTAMP('${instant}')`, { op: '>', args: [prop('datetime'), { timestamp: instant }] }, (i) => time(i) > micros(instant));
  await check(t, `datetime <= '${instant}'`, { op: '<=', args: [prop('datetime'), instant] }, (i) => time(i) <= micros(instant));
  const dayStart = micros('2019-12-01T00:00:00Z');
  const nextDay = micros('2019-12-02T00:00:00Z');
  await check(t, "datetime = DATE('2019-12-01')", { op: '=', args: [prop('datetime'), { date: '2019-12-01' }] }, (i) => time(i) >= dayStart && time(i) < nextDay);
  await check(t, "datetime <= DATE('2019-12-01')", { op: '<=', args: [prop('datetime'), { date: '2019-12-01' }] }, (i) => time(i) < nextDay);
  await check(t, "datetime > DATE('2019-12-01')", { op: '>', args: [prop('datetime'), { date: '2019-12-01' }] }, (i) => time(i) >= nextDay);
  const created = '2020-06-01T00:00:00Z';
  await check(t, `created > TIMESTAMP('${created}')`, { op: '>', args: [prop('created'), { timestamp: created }] }, (i) => str(i, 'created') !== undefined && micros(str(i, 'created') as string) > micros(created));
});

t.test('advanced comparison: LIKE, BETWEEN, IN and their negations', async (t) => {
  await check(t, "id LIKE 'LC08%'", { op: 'like', args: [prop('id'), 'LC08%'] }, (i) => i.id.startsWith('LC08'));
  await check(t, "platform LIKE 'sentinel-_a'", { op: 'like', args: [prop('platform'), 'sentinel-_a'] }, (i) => /^sentinel-.a$/.test(str(i, 'platform') ?? ''));
  await check(t, "id NOT LIKE '%_L2A'", { op: 'not', args: [{ op: 'like', args: [prop('id'), '%_L2A'] }] }, (i) => !/.+_L2A$/.test(i.id));
  await check(t, 'eo:cloud_cover BETWEEN 10 AND 20', { op: 'between', args: [prop('eo:cloud_cover'), 10, 20] }, (i) => {
    const c = num(i, 'eo:cloud_cover');
    return c !== undefined && c >= 10 && c <= 20;
  });
  await check(t, 'eo:cloud_cover NOT BETWEEN 1 AND 99', { op: 'not', args: [{ op: 'between', args: [prop('eo:cloud_cover'), 1, 99] }] }, (i) => {
    const c = num(i, 'eo:cloud_cover');
    return c !== undefined && (c < 1 || c > 99);
  });
  await check(t, "platform IN ('landsat-8', 'landsat-9', 'LANDSAT_8')", { op: 'in', args: [prop('platform'), ['landsat-8', 'landsat-9', 'LANDSAT_8']] }, (i) =>
    ['landsat-8', 'landsat-9', 'LANDSAT_8'].includes(str(i, 'platform') ?? ''),
  );
  await check(t, "naip:state NOT IN ('al')", { op: 'not', args: [{ op: 'in', args: [prop('naip:state'), ['al']] }] }, (i) => str(i, 'naip:state') !== undefined && str(i, 'naip:state') !== 'al');
  await check(t, 'sentinel:utm_zone IN (1, 2)', { op: 'in', args: [prop('sentinel:utm_zone'), [1, 2]] }, (i) => [1, 2].includes(num(i, 'sentinel:utm_zone') ?? -1));
});

t.test('case-insensitive comparison with CASEI', async (t) => {
  await check(t, "CASEI(platform) = CASEI('SENTINEL-1A')", { op: '=', args: [{ op: 'casei', args: [prop('platform')] }, { op: 'casei', args: ['SENTINEL-1A'] }] }, (i) =>
    (str(i, 'platform') ?? '').toLowerCase() === 'sentinel-1a',
  );
  await check(t, "CASEI(platform) LIKE CASEI('Landsat%')", { op: 'like', args: [{ op: 'casei', args: [prop('platform')] }, { op: 'casei', args: ['Landsat%'] }] }, (i) =>
    (str(i, 'platform') ?? '').toLowerCase().startsWith('landsat'),
  );
  await check(t, "CASEI(naip:state) IN (CASEI('PR'), 'xx')", { op: 'in', args: [{ op: 'casei', args: [prop('naip:state')] }, [{ op: 'casei', args: ['PR'] }, 'xx']] }, (i) =>
    ['pr', 'xx'].includes((str(i, 'naip:state') ?? '').toLowerCase()),
  );
});

t.test('spatial functions on WKT, GeoJSON and BBOX literals', async (t) => {
  const joplin: [number, number, number, number] = [-94.6, 37.0, -94.4, 37.1];
  const box = bboxPolygons(joplin)[0] as Polygon;
  const wkt = 'POLYGON((-94.6 37.0, -94.4 37.0, -94.4 37.1, -94.6 37.1, -94.6 37.0))';
  const withGeometry = (test: (g: Geometry) => boolean) => (i: StoredItem) => i.geometry !== null && test(i.geometry);
  await check(t, `S_INTERSECTS(geometry, BBOX(${joplin.join(', ')}))`, { op: 's_intersects', args: [prop('geometry'), { bbox: joplin }] }, (i) => footprintIntersects(i, [box]));
  await check(t, `S_INTERSECTS(geometry, ${wkt})`, { op: 's_intersects', args: [prop('geometry'), box] }, (i) => footprintIntersects(i, [box]));
  await check(t, 'S_INTERSECTS(geometry, POINT(-94.5 37.05))', { op: 's_intersects', args: [prop('geometry'), { type: 'Point', coordinates: [-94.5, 37.05] }] }, (i) =>
    footprintIntersects(i, [{ type: 'Point', coordinates: [-94.5, 37.05] }]),
  );
  await check(t, 'S_INTERSECTS(geometry, BBOX(175, 50, -175, 75))', { op: 's_intersects', args: [prop('geometry'), { bbox: [175, 50, -175, 75] }] }, (i) =>
    footprintIntersects(i, bboxPolygons([175, 50, -175, 75])),
  );
  await check(t, `S_DISJOINT(geometry, ${wkt})`, { op: 's_disjoint', args: [prop('geometry'), box] }, (i) => i.geometry !== null && !footprintIntersects(i, [box]));
  const texas = bboxPolygons([-100, 25, -90, 35])[0] as Polygon;
  await check(t, 'S_WITHIN(geometry, BBOX(-100, 25, -90, 35))', { op: 's_within', args: [prop('geometry'), { bbox: [-100, 25, -90, 35] }] }, withGeometry((g) => {
    const parts = polygons(g);
    return parts.length > 0 && parts.every((part) => booleanWithin(part, texas));
  }));
  const point: Point = { type: 'Point', coordinates: [-94.5, 37.05] };
  await check(t, 'S_CONTAINS(geometry, POINT(-94.5 37.05))', { op: 's_contains', args: [prop('geometry'), point] }, withGeometry((g) => polygons(g).some((part) => booleanContains(part, point))));
  // Copernicus DEM tiles are 1° squares side by side at the South Pole: a tile touches its neighbours.
  const tile = stored.find((i) => i.id === 'Copernicus_DSM_COG_10_S90_00_W179_00_DEM') as StoredItem;
  const tileWkt = geometryToWkt(tile.geometry as Polygon);
  await check(t, `S_TOUCHES(geometry, ${tileWkt})`,
    { op: 's_touches', args: [prop('geometry'), tile.geometry] },
    // A polygon never touches itself (the interiors meet), whatever Turf says of identical shapes.
    withGeometry((g) => g.type === 'Polygon' && !booleanEqual(g, tile.geometry as Polygon) && booleanTouches(g, tile.geometry as Polygon)),
  );
  await check(t, `S_EQUALS(geometry, ${tileWkt})`,
    { op: 's_equals', args: [prop('geometry'), tile.geometry] },
    (i) => i.id === tile.id,
  );
  const half: Polygon = { type: 'Polygon', coordinates: [[[-94.55, 36.9], [-94.45, 36.9], [-94.45, 37.2], [-94.55, 37.2], [-94.55, 36.9]]] };
  await check(t, 'S_OVERLAPS(geometry, POLYGON((-94.55 36.9, -94.45 36.9, -94.45 37.2, -94.55 37.2, -94.55 36.9)))', { op: 's_overlaps', args: [prop('geometry'), half] },
    withGeometry((g) => g.type === 'Polygon' && booleanOverlap(g, half)),
  );
  const line: LineString = { type: 'LineString', coordinates: [[-94.7, 37.05], [-94.3, 37.06]] };
  await check(t, 'S_CROSSES(geometry, LINESTRING(-94.7 37.05, -94.3 37.06))', { op: 's_crosses', args: [prop('geometry'), line] },
    withGeometry((g) => g.type === 'Polygon' && booleanCrosses(line, g)),
  );
});

t.test('temporal functions: all fifteen, on instants and intervals, datetime being the item interval', async (t) => {
  // Real intervals: the 3DEP lidar items cover [2020-01-01, 2020-12-31], Umbra scenes a few seconds.
  const cases: [string, string, string][] = [
    ['2020-01-01T00:00:00Z', '2020-12-31T00:00:00Z', 'the 3DEP year'],
    ['2020-03-01T00:00:00Z', '2021-06-01T00:00:00Z', 'overlapping its end'],
    ['2019-06-01T00:00:00Z', '2020-03-01T00:00:00Z', 'overlapping its start'],
    ['2024-09-10T03:32:23Z', '2024-09-10T03:32:32.903484Z', 'an Umbra scene exactly'],
    ['2018-11-05T00:00:00Z', '2018-12-19T23:59:59Z', 'autumn 2018'],
    ['2020-01-01T00:00:00Z', '2021-01-01T00:00:00Z', 'starting with the 3DEP year'],
    ['2019-06-01T00:00:00Z', '2020-12-31T00:00:00Z', 'ending with it'],
    ['2020-06-01T00:00:00Z', '2020-12-31T00:00:00Z', 'its second half'],
    ['2020-12-31T00:00:00Z', '2021-06-01T00:00:00Z', 'from its last instant'],
    ['2019-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'up to its first instant'],
  ];
  type Relation = (a: [bigint, bigint], b: [bigint, bigint]) => boolean;
  const relations: Record<string, Relation> = {
    t_after: ([as], [, be]) => as > be,
    t_before: ([, ae], [bs]) => ae < bs,
    t_contains: ([as, ae], [bs, be]) => as < bs && ae > be,
    t_disjoint: ([as, ae], [bs, be]) => ae < bs || as > be,
    t_during: ([as, ae], [bs, be]) => as > bs && ae < be,
    t_equals: ([as, ae], [bs, be]) => as === bs && ae === be,
    t_finishedby: ([as, ae], [bs, be]) => as < bs && ae === be,
    t_finishes: ([as, ae], [bs, be]) => as > bs && ae === be,
    t_intersects: ([as, ae], [bs, be]) => as <= be && ae >= bs,
    t_meets: ([, ae], [bs]) => ae === bs,
    t_metby: ([as], [, be]) => as === be,
    t_overlappedby: ([as, ae], [bs, be]) => as > bs && as < be && ae > be,
    t_overlaps: ([as, ae], [bs, be]) => as < bs && ae > bs && ae < be,
    t_startedby: ([as, ae], [bs, be]) => as === bs && ae > be,
    t_starts: ([as, ae], [bs, be]) => as === bs && ae < be,
  };
  const seen = new Set<string>();
  for (const [op, relation] of Object.entries(relations)) {
    for (const [start, end] of cases) {
      const literal: [bigint, bigint] = [micros(start), micros(end)];
      const want = keysWhere(stored, (i) => relation(interval(i), literal));
      if (want.length > 0) seen.add(op);
      const text = `${op.toUpperCase()}(datetime, INTERVAL('${start}', '${end}'))`;
      t.same(await keys({ url: `/search?limit=400&filter=${encodeURIComponent(text)}` }), want, text);
      t.same(await keys({ body: { limit: 400, filter: { op, args: [prop('datetime'), { interval: [start, end] }] } } }), want, `json ${text}`);
    }
  }
  t.equal(seen.size, 15, `every relation has matches in the real data (${[...seen].join(', ')})`);
  const instant = '2020-12-31T00:00:00Z';
  const at: [bigint, bigint] = [micros(instant), micros(instant)];
  for (const op of ['t_intersects', 't_after', 't_before', 't_finishes', 't_metby'] as const) {
    const want = keysWhere(stored, (i) => (relations[op] as Relation)(interval(i), at));
    const text = `${op.toUpperCase()}(datetime, TIMESTAMP('${instant}'))`;
    t.same(await keys({ url: `/search?limit=400&filter=${encodeURIComponent(text)}` }), want, text);
  }
  const open = keysWhere(stored, (i) => interval(i)[1] >= micros('2023-01-01T00:00:00Z'));
  t.same(await keys({ url: `/search?limit=400&filter=${encodeURIComponent("T_INTERSECTS(datetime, INTERVAL('2023-01-01T00:00:00Z', '..'))")}` }), open, 'open interval');
  const day = keysWhere(stored, (i) => relations.t_intersects?.(interval(i), [micros('2019-12-01T00:00:00Z'), micros('2019-12-01T23:59:59.999999Z')]) === true);
  t.same(await keys({ url: `/search?limit=400&filter=${encodeURIComponent("T_INTERSECTS(datetime, DATE('2019-12-01'))")}` }), day, 'a date is its whole day');
  t.ok(day.length > 0);
  const created = keysWhere(stored, (i) => str(i, 'created') !== undefined && micros(str(i, 'created') as string) < micros('2021-01-01T00:00:00Z'));
  t.same(await keys({ url: `/search?limit=400&filter=${encodeURIComponent("T_BEFORE(created, TIMESTAMP('2021-01-01T00:00:00Z'))")}` }), created, 'a document timestamp');
});

t.test('array functions on the promoted instruments and on document arrays', async (t) => {
  const instruments = (i: StoredItem) => (Array.isArray(p(i, 'instruments')) ? (p(i, 'instruments') as string[]) : undefined);
  await check(t, "A_CONTAINS(instruments, ('oli'))", { op: 'a_contains', args: [prop('instruments'), ['oli']] }, (i) => instruments(i)?.includes('oli') === true);
  await check(t, "A_OVERLAPS(instruments, ('tirs', 'mss'))", { op: 'a_overlaps', args: [prop('instruments'), ['tirs', 'mss']] }, (i) =>
    instruments(i)?.some((x) => x === 'tirs' || x === 'mss') === true,
  );
  await check(t, "A_CONTAINEDBY(instruments, ('oli', 'tirs', 'msi'))", { op: 'a_containedby', args: [prop('instruments'), ['oli', 'tirs', 'msi']] }, (i) =>
    instruments(i)?.every((x) => ['oli', 'tirs', 'msi'].includes(x)) === true,
  );
  await check(t, "A_EQUALS(instruments, ('oli', 'tirs'))", { op: 'a_equals', args: [prop('instruments'), ['oli', 'tirs']] }, (i) => JSON.stringify(instruments(i)) === '["oli","tirs"]');
  await check(t, "A_CONTAINS(sar:polarizations, ('VH'))", { op: 'a_contains', args: [prop('sar:polarizations'), ['VH']] }, (i) =>
    Array.isArray(p(i, 'sar:polarizations')) && (p(i, 'sar:polarizations') as string[]).includes('VH'),
  );
});

t.test('arithmetic and property-property comparisons', async (t) => {
  await check(t, 'eo:cloud_cover * 2 > 50', { op: '>', args: [{ op: '*', args: [prop('eo:cloud_cover'), 2] }, 50] }, (i) => (num(i, 'eo:cloud_cover') ?? -Infinity) * 2 > 50);
  await check(t, 'gsd + 0.5 = 10.5', { op: '=', args: [{ op: '+', args: [prop('gsd'), 0.5] }, 10.5] }, (i) => num(i, 'gsd') === 10);
  await check(t, 'eo:cloud_cover - gsd < -20', { op: '<', args: [{ op: '-', args: [prop('eo:cloud_cover'), prop('gsd')] }, -20] }, (i) => {
    const c = num(i, 'eo:cloud_cover');
    const g = num(i, 'gsd');
    return c !== undefined && g !== undefined && c - g < -20;
  });
  await check(t, 'eo:cloud_cover / 10 >= 5', { op: '>=', args: [{ op: '/', args: [prop('eo:cloud_cover'), 10] }, 5] }, (i) => (num(i, 'eo:cloud_cover') ?? -Infinity) / 10 >= 5);
  await check(t, 'eo:cloud_cover % 10 = 0', { op: '=', args: [{ op: '%', args: [prop('eo:cloud_cover'), 10] }, 0] }, (i) => {
    const c = num(i, 'eo:cloud_cover');
    return c !== undefined && c % 10 === 0;
  });
  await check(t, 'eo:cloud_cover div 10 = 1', { op: '=', args: [{ op: 'div', args: [prop('eo:cloud_cover'), 10] }, 1] }, (i) => Math.trunc((num(i, 'eo:cloud_cover') ?? -1) / 10) === 1);
  await check(t, 'gsd ^ 2 > 899', { op: '>', args: [{ op: '^', args: [prop('gsd'), 2] }, 899] }, (i) => (num(i, 'gsd') ?? 0) ** 2 > 899);
  await check(t, 'eo:cloud_cover / 0 > 1 OR gsd = 30', { op: 'or', args: [{ op: '>', args: [{ op: '/', args: [prop('eo:cloud_cover'), 0] }, 1] }, { op: '=', args: [prop('gsd'), 30] }] }, (i) => num(i, 'gsd') === 30);
  await check(t, 'view:sun_elevation > eo:cloud_cover', { op: '>', args: [prop('view:sun_elevation'), prop('eo:cloud_cover')] }, (i) => {
    const s = num(i, 'view:sun_elevation');
    const c = num(i, 'eo:cloud_cover');
    return s !== undefined && c !== undefined && s > c;
  });
  await check(t, 'landsat:wrs_path = landsat:wrs_row', { op: '=', args: [prop('landsat:wrs_path'), prop('landsat:wrs_row')] }, (i) =>
    str(i, 'landsat:wrs_path') !== undefined && str(i, 'landsat:wrs_path') === str(i, 'landsat:wrs_row'), { nonEmpty: false },
  );
});

t.test('the query extension: eq, neq, lt, lte, gt, gte, startsWith, endsWith, contains, in', async (t) => {
  const cases: [Record<string, unknown>, (i: StoredItem) => boolean][] = [
    [{ 'eo:cloud_cover': { lt: 10 } }, (i) => (num(i, 'eo:cloud_cover') ?? Infinity) < 10],
    [{ 'eo:cloud_cover': { lte: 10, gte: 1 } }, (i) => (num(i, 'eo:cloud_cover') ?? Infinity) <= 10 && (num(i, 'eo:cloud_cover') ?? -1) >= 1],
    [{ 'properties.gsd': { gt: 10 } }, (i) => (num(i, 'gsd') ?? -Infinity) > 10],
    [{ platform: { eq: 'sentinel-2b' } }, (i) => str(i, 'platform') === 'sentinel-2b'],
    [{ 'naip:state': { neq: 'tx' } }, (i) => str(i, 'naip:state') !== undefined && str(i, 'naip:state') !== 'tx'],
    [{ platform: { startsWith: 'landsat' } }, (i) => (str(i, 'platform') ?? '').startsWith('landsat')],
    [{ platform: { endsWith: '_8' } }, (i) => (str(i, 'platform') ?? '').endsWith('_8')],
    [{ 'sentinel:product_id': { contains: '20181026' } }, (i) => (str(i, 'sentinel:product_id') ?? '').includes('20181026')],
    [{ platform: { in: ['landsat-8', 'landsat-9'] } }, (i) => ['landsat-8', 'landsat-9'].includes(str(i, 'platform') ?? '')],
    [{ datetime: { gte: '2024-01-01T00:00:00Z' } }, (i) => time(i) >= micros('2024-01-01T00:00:00Z')],
  ];
  for (const [query, expected] of cases) {
    const want = keysWhere(stored, expected);
    t.ok(want.length > 0 && want.length < stored.length, `${JSON.stringify(query)} splits the data`);
    t.same(await keys({ body: { limit: 200, query } }), want, `POST ${JSON.stringify(query)}`);
    t.same(await keys({ url: `/search?limit=200&query=${encodeURIComponent(JSON.stringify(query))}` }), want, `GET ${JSON.stringify(query)}`);
  }
  const both = keysWhere(stored, (i) => (num(i, 'eo:cloud_cover') ?? Infinity) < 10 && str(i, 'platform') === 'sentinel-2b');
  t.same(await keys({ body: { limit: 200, query: { platform: { eq: 'sentinel-2b' } }, filter: { op: '<', args: [prop('eo:cloud_cover'), 10] } } }), both, 'query and filter together');
  for (const bad of [{ platform: { like: 'x' } }, { platform: 'x' }, { platform: { in: [] } }, { platform: { eq: { a: 1 } } }, []]) {
    const response = await app.inject({ method: 'POST', url: '/search', payload: { query: bad } });
    t.equal(response.statusCode, 400, JSON.stringify(bad));
    t.ok(['InvalidQuery', 'InvalidParameter'].includes(response.json().code), `${JSON.stringify(bad)}: ${response.json().code}`);
  }
  t.equal((await app.inject({ url: '/search?query=notjson' })).json().code, 'InvalidQuery');
});

t.test('bad filters are 400s naming the problem: unknown names, positions in the text, types, CRS', async (t) => {
  const get = async (filter: string, extra = '') => app.inject({ url: `/search?filter=${encodeURIComponent(filter)}${extra}` });
  const unknown = await get('no_such_property = 3');
  t.equal(unknown.statusCode, 400);
  t.equal(unknown.json().code, 'UnknownQueryable');
  t.match(unknown.json().description, /no_such_property/);
  const syntax = await get("eo:cloud_cover < AND platform = 'x'");
  t.equal(syntax.json().code, 'InvalidFilter');
  t.match(syntax.json().description, /offset 17/);
  t.equal((await get('platform > 3')).json().code, 'InvalidFilter', 'a string compared with a number');
  t.equal((await get('S_INTERSECTS(eo:cloud_cover, POINT(0 0))')).json().code, 'InvalidFilter', 'a number as a geometry');
  t.equal((await get('eo:cloud_cover = instruments')).json().code, 'InvalidFilter', 'an array compared with =');
  t.equal((await get("ACCENTI(platform) = 'x'")).json().code, 'InvalidFilter', 'accent-insensitivity is not offered');
  t.equal((await get('BUFFER(geometry, 1) IS NULL')).json().code, 'InvalidFilter', 'unknown functions');
  t.equal((await get('eo:cloud_cover < 10', '&filter-crs=EPSG:4326')).json().code, 'InvalidFilter');
  t.equal((await get('eo:cloud_cover < 10', '&filter-crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84')).statusCode, 200);
  t.equal((await get('eo:cloud_cover < 10', '&filter-lang=cql3')).statusCode, 400);
  t.equal((await get('{"op":"<","args":[{"property":"eo:cloud_cover"},10]}', '&filter-lang=cql2-json')).statusCode, 200);
  t.equal((await get('{"op":', '&filter-lang=cql2-json')).json().code, 'InvalidFilter');
  t.equal((await app.inject({ method: 'POST', url: '/search', payload: { filter: { op: 'nope', args: [] } } })).json().code, 'InvalidFilter');
  const overflow = await get('eo:cloud_cover * 1e308 * 1e308 > 1');
  t.equal(overflow.statusCode, 400, 'an overflow is the filter’s fault, not a 500');
  t.equal(overflow.json().code, 'InvalidFilter');
  t.equal((await get('(0 - eo:cloud_cover - 1) ^ 0.5 > 1')).json().code, 'InvalidFilter', 'a complex power');
  const small = await createTestApp(t, { EOPOOL_GEOMETRY_VERTICES: '10' }, database);
  const big = await small.app.inject({ url: `/search?filter=${encodeURIComponent('S_INTERSECTS(geometry, LINESTRING(0 0, 1 1, 2 2, 3 3, 4 4, 5 5, 6 6, 7 7, 8 8, 9 9, 10 10, 11 11))')}` });
  t.equal(big.json().code, 'GeometryTooLarge');
  t.match(big.json().description, /filter/);
  const sortUnknown = await app.inject({ url: '/search?sortby=no_such_property' });
  t.equal(sortUnknown.json().code, 'UnknownQueryable');
});

t.test('a filter on a collection page: the names of that collection only', async (t) => {
  const naip = await app.inject({ url: `/collections/rx-pgstac-testdata/items?limit=200&filter=${encodeURIComponent("naip:state = 'tx'")}` });
  t.equal(naip.statusCode, 200);
  t.same(
    naip.json<Page>().features.map((f) => `${f.collection}/${f.id}`).sort(),
    keysWhere(stored, (i) => i.collection === 'rx-pgstac-testdata' && str(i, 'naip:state') === 'tx'),
  );
  const foreign = await app.inject({ url: `/collections/rx-pgstac-testdata/items?filter=${encodeURIComponent("sar:product_type = 'GRD'")}` });
  t.equal(foreign.json().code, 'UnknownQueryable', 'a name only other collections have');
});
