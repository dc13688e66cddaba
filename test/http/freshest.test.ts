import t from 'tap';
import { bboxPolygons, loadRealItems, type StoredItem } from '../catalog/search/real-items.js';
import { createTestApp } from '../helpers/test-app.js';
import { hoursFrom, storeScenes } from '../monitoring/scenes.js';
import { turfCoverage, turfUnionCoverage } from '../monitoring/turf-coverage.js';

const { app, auth, database } = await createTestApp(t);
const kz = await auth('member', 'KZ');
const ru = await auth('member', 'RU');
const cn = await auth('member', 'CN');

/** Geodesic (PostGIS) and spherical (Turf) shares agree within this. */
const shareTolerance = 0.01;
const AT = '2025-06-01T12:00:00Z';

interface Scene {
  id: string;
  collection: string;
  datetime: string;
  coverage: number;
  age_hours: number;
  member: string;
  platform: string | null;
  cloud_cover: number | null;
  links: { rel: string; href: string }[];
}
interface MosaicScene extends Scene {
  added_coverage: number;
}
interface Answer {
  at: string;
  since: string | null;
  area: { type: string; area_km2: number; centre: [number, number] };
  scenes: Scene[];
  mosaic: { scenes: MosaicScene[]; coverage: number; oldest_age_hours: number | null };
  next_passes: { norad_id: number; satellite: string; member: string; sensor: string; time: string; in_hours: number; off_nadir_deg: number; sunlit: boolean; image_possible: boolean }[];
  warnings: string[];
}

async function freshest(body: Record<string, unknown>): Promise<Answer> {
  const response = await app.inject({ method: 'POST', url: '/freshest', payload: { horizon_hours: 1, ...body } });
  if (response.statusCode !== 200) throw new Error(`POST /freshest ${JSON.stringify(body)}: ${response.statusCode} ${response.body}`);
  return response.json<Answer>();
}

async function freshestGet(query: Record<string, string>): Promise<Answer> {
  const response = await app.inject({ url: `/freshest?${new URLSearchParams({ horizon_hours: '1', ...query }).toString()}` });
  if (response.statusCode !== 200) throw new Error(`GET /freshest ${JSON.stringify(query)}: ${response.statusCode} ${response.body}`);
  return response.json<Answer>();
}

const ids = (scenes: readonly { id: string }[]) => scenes.map((s) => s.id);

// Region A, 60–61°E 40–41°N: three strips that each cover a third of the area, newest first from
// west to east, an older whole-area scene with clouds, and scenes the rules leave out.
await storeScenes(app, kz, 'tst-strips', [
  { id: 'west-strip', box: [59.9, 39.9, 60.34, 41.1], datetime: hoursFrom(AT, -1), platform: 'kazeosat-1', cloud: 10 },
  { id: 'middle-strip', box: [60.33, 39.9, 60.67, 41.1], datetime: hoursFrom(AT, -2), platform: 'kazeosat-1', cloud: 20 },
  { id: 'east-strip', box: [60.66, 39.9, 61.1, 41.1], datetime: hoursFrom(AT, -3), platform: 'kazeosat-2', cloud: 5 },
  { id: 'cloudy-whole', box: [59, 39, 62, 42], datetime: hoursFrom(AT, -48), platform: 'kazeosat-2', cloud: 90 },
  { id: 'speck', box: [60.5, 40.5, 60.55, 40.55], datetime: hoursFrom(AT, -0.5), platform: 'kazeosat-1', cloud: 0 },
  { id: 'after-at', box: [59, 39, 62, 42], datetime: hoursFrom(AT, 1), platform: 'kazeosat-1', cloud: 0 },
  { id: 'two-hour-range', box: [59, 39, 62, 42], range: [hoursFrom(AT, -2.5), hoursFrom(AT, -0.25)], platform: 'kazeosat-1', cloud: 0 },
  { id: 'ten-minute-range', box: [59, 39, 62, 42], range: [hoursFrom(AT, -30.2), hoursFrom(AT, -30)], platform: 'kazeosat-1', cloud: 30 },
]);
await storeScenes(app, ru, 'tst-strips-ru', [
  { id: 'ru-whole', box: [59.5, 39.5, 61.5, 41.5], datetime: hoursFrom(AT, -72), platform: 'kanopus-v-3', cloud: 1 },
]);

t.test('POST /freshest builds a mosaic of three scenes, newest first, each adding its share', async (t) => {
  const answer = await freshest({ bbox: [60, 40, 61, 41], at: AT, max_cloud_cover: 50, min_coverage: 0.3 });
  t.equal(answer.area.type, 'Polygon');
  t.ok(Math.abs(answer.area.area_km2 - 9413) < 10, `area ${answer.area.area_km2} km² (1° × 1° at 40°N)`);
  t.same(ids(answer.mosaic.scenes), ['west-strip', 'middle-strip', 'east-strip'], 'the speck adds under 0.01, the cloudy scene is filtered');
  t.ok(answer.mosaic.coverage >= 0.99, `mosaic covers ${answer.mosaic.coverage}`);
  t.equal(answer.mosaic.oldest_age_hours, 3);
  const [west, middle, east] = answer.mosaic.scenes;
  t.ok(Math.abs(west!.added_coverage - 0.34) < shareTolerance, `west adds ${west!.added_coverage}`);
  t.ok(Math.abs(middle!.added_coverage - 0.33) < shareTolerance, `middle adds only what west left: ${middle!.added_coverage}`);
  t.ok(Math.abs(east!.added_coverage - 0.33) < shareTolerance, `east adds ${east!.added_coverage}`);
  t.ok(Math.abs(middle!.coverage - 0.34) < shareTolerance, 'its own coverage counts its overlap too');
  t.same(ids(answer.scenes), ['west-strip', 'middle-strip', 'east-strip', 'ten-minute-range', 'ru-whole'], 'newest first, at least 0.3 of the area');
  const ranged = answer.scenes.find((s) => s.id === 'ten-minute-range')!;
  t.equal(ranged.datetime, hoursFrom(AT, -30), "a range's time is its end");
  t.equal(ranged.age_hours, 30);
  t.equal(west!.member, 'KZ');
  t.equal(answer.scenes.at(-1)!.member, 'RU', "a scene's member is its collection's owner");
  t.equal(west!.platform, 'kazeosat-1');
  t.equal(west!.cloud_cover, 10);
  t.match(west!.links[0], { rel: 'item', href: /\/collections\/tst-strips\/items\/west-strip$/ });
});

t.test('min_coverage defaults to half the area; the newest whole-area scene ends the mosaic at once', async (t) => {
  const answer = await freshest({ bbox: [60, 40, 61, 41], at: AT, limit: 2 });
  t.same(ids(answer.scenes), ['ten-minute-range', 'cloudy-whole'], 'the strips cover a third each; two scenes asked');
  t.same(ids(answer.mosaic.scenes), ['west-strip', 'middle-strip', 'east-strip'], 'the speck adds too little; the range over an hour is left out');
  const narrow = await freshest({ bbox: [60.5, 40.5, 60.55, 40.55], at: AT, limit: 1 });
  t.same(ids(narrow.scenes), ['speck'], 'the speck covers a small area whole');
  t.same(ids(narrow.mosaic.scenes), ['speck']);
  t.equal(narrow.mosaic.coverage, 1);
});

t.test('since (a duration or a date-time) and at bound the scenes; members and collections filter', async (t) => {
  const recent = await freshest({ bbox: [60, 40, 61, 41], at: AT, since: 'PT2H30M', min_coverage: 0.3 });
  t.same(ids(recent.scenes), ['west-strip', 'middle-strip']);
  t.equal(recent.since, hoursFrom(AT, -2.5));
  t.same(ids(recent.mosaic.scenes), ['west-strip', 'middle-strip']);
  t.ok(Math.abs(recent.mosaic.coverage - 0.67) < shareTolerance, 'scenes ran out before 0.99');
  const dated = await freshest({ bbox: [60, 40, 61, 41], at: AT, since: hoursFrom(AT, -2.5) });
  t.same(ids(dated.mosaic.scenes), ids(recent.mosaic.scenes));
  const earlier = await freshest({ bbox: [60, 40, 61, 41], at: hoursFrom(AT, -40), min_coverage: 0.3 });
  t.same(ids(earlier.scenes), ['cloudy-whole', 'ru-whole'], 'at moves the present back');
  t.equal(earlier.scenes[0]!.age_hours, 8);
  const russian = await freshest({ bbox: [60, 40, 61, 41], at: AT, members: ['RU'] });
  t.same(ids(russian.scenes), ['ru-whole']);
  const byCollection = await freshestGet({ bbox: '60,40,61,41', at: AT, collections: 'tst-strips-ru,tst-none' });
  t.same(ids(byCollection.scenes), ['ru-whole']);
});

t.test('GET /freshest?point= gives a share of 1 to each scene that covers the point', async (t) => {
  const answer = await freshestGet({ point: '60.52,40.52', at: AT });
  t.equal(answer.area.type, 'Point');
  t.equal(answer.area.area_km2, 0);
  t.same(ids(answer.scenes), ['speck', 'middle-strip', 'ten-minute-range', 'cloudy-whole', 'ru-whole']);
  t.ok(answer.scenes.every((s) => s.coverage === 1));
  t.same(ids(answer.mosaic.scenes), ['speck']);
  t.equal(answer.mosaic.coverage, 1);
  const outside = await freshestGet({ point: '10,10', at: AT });
  t.same(outside.scenes, []);
  t.same(outside.mosaic, { scenes: [], coverage: 0, oldest_age_hours: null });
});

t.test('an area across the antimeridian finds the footprints stored split on both sides', async (t) => {
  await storeScenes(app, ru, 'tst-antimeridian', [
    { id: 'across', box: [179.5, -16.5, -179.5, -15.5], datetime: hoursFrom(AT, -5), cloud: 0 },
    { id: 'east-side', box: [179.6, -16.2, 179.9, -15.8], datetime: hoursFrom(AT, -1), cloud: 0 },
    { id: 'west-side', box: [-179.9, -16.2, -179.7, -15.8], datetime: hoursFrom(AT, -2), cloud: 0 },
  ]);
  const byBbox = await freshestGet({ bbox: '179.8,-16.1,-179.8,-15.9', at: AT, min_coverage: '0.2' });
  t.equal(byBbox.area.type, 'MultiPolygon', 'the area is split at 180°');
  t.ok(Math.abs(byBbox.area.area_km2 - 0.4 * 0.2 * 106.4 * 111.2) < 30, `area ${byBbox.area.area_km2} km²`);
  t.same(ids(byBbox.scenes), ['east-side', 'west-side', 'across']);
  t.ok(Math.abs(byBbox.scenes[0]!.coverage - 0.25) < shareTolerance, `east side ${byBbox.scenes[0]!.coverage}`);
  t.ok(Math.abs(byBbox.scenes[1]!.coverage - 0.25) < shareTolerance, `west side ${byBbox.scenes[1]!.coverage}`);
  t.ok(Math.abs(byBbox.scenes[2]!.coverage - 1) < 1e-6);
  t.same(ids(byBbox.mosaic.scenes), ['east-side', 'west-side', 'across']);
  t.ok(Math.abs(byBbox.mosaic.scenes[2]!.added_coverage - 0.5) < shareTolerance, 'the whole scene adds the half between the sides');
  t.ok(byBbox.mosaic.coverage >= 0.99);
  const polygon = { type: 'Polygon', coordinates: [[[179.8, -16.1], [-179.8, -16.1], [-179.8, -15.9], [179.8, -15.9], [179.8, -16.1]]] };
  const byGeoJson = await freshest({ intersects: polygon, at: AT, min_coverage: 0.2 });
  t.same(ids(byGeoJson.scenes), ids(byBbox.scenes), 'a GeoJSON polygon across 180° is the same area');
  t.ok(Math.abs(byGeoJson.area.centre[0]) > 179.9, `centre ${byGeoJson.area.centre.join(', ')} on the antimeridian, not at 0°`);
});

t.test('SAR scenes are those with the SAR extension or a SAR platform of the registry; only they pass a cloud threshold without a cloud cover', async (t) => {
  await storeScenes(app, cn, 'tst-sensors', [
    { id: 'sar-by-extension', box: [50, 30, 51, 31], datetime: hoursFrom(AT, -1), platform: 'sentinel-1a', sar: true },
    { id: 'sar-by-platform', box: [50, 30, 51, 31], datetime: hoursFrom(AT, -2), platform: 'gaofen-3-02' },
    { id: 'optical-no-cloud', box: [50, 30, 51, 31], datetime: hoursFrom(AT, -3), platform: 'gaofen-2' },
    { id: 'optical-clear', box: [50, 30, 51, 31], datetime: hoursFrom(AT, -4), platform: 'GAOFEN-6', cloud: 3 },
  ]);
  const area = { bbox: [50.2, 30.2, 50.8, 30.8], at: AT };
  t.same(ids((await freshest(area)).scenes), ['sar-by-extension', 'sar-by-platform', 'optical-no-cloud', 'optical-clear']);
  t.same(ids((await freshest({ ...area, max_cloud_cover: 10 })).scenes), ['sar-by-extension', 'sar-by-platform', 'optical-clear']);
  t.same(ids((await freshest({ ...area, sensor: 'sar' })).scenes), ['sar-by-extension', 'sar-by-platform']);
  t.same(ids((await freshest({ ...area, sensor: 'optical' })).scenes), ['optical-no-cloud', 'optical-clear']);
});

t.test('bad areas and times answer 400 with the reason', async (t) => {
  const cases: [Record<string, unknown>, string][] = [
    [{ intersects: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] } }, 'InvalidArea'],
    [{ intersects: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }, 'InvalidArea'],
    [{ intersects: { type: 'Polygon', coordinates: [[[0, 0], [1, 0]]] } }, 'InvalidArea'],
    [{}, 'InvalidArea'],
    [{ bbox: [0, 0, 1, 1], intersects: { type: 'Point', coordinates: [0, 0] } }, 'InvalidArea'],
    [{ bbox: [-180, -80, 180, 80] }, 'AreaTooLarge'],
    [{ bbox: [0, 0, 1, 1], at: AT, since: hoursFrom(AT, 1) }, 'InvalidSince'],
    [{ bbox: [0, 0, 1, 1], since: 'last week' }, 'InvalidSince'],
    [{ bbox: [0, 0, 1, 1], at: 'yesterday' }, 'InvalidDatetime'],
    [{ bbox: [0, 0, 1] }, 'InvalidBbox'],
    [{ bbox: [0, 0, 1, 1], horizon_hours: 400 }, 'InvalidParameter'],
    [{ bbox: [0, 0, 1, 1], colour: 'red' }, 'InvalidParameter'],
  ];
  for (const [body, code] of cases) {
    const response = await app.inject({ method: 'POST', url: '/freshest', payload: body });
    t.equal(response.statusCode, 400, JSON.stringify(body));
    t.equal(response.json().code, code, response.json().description);
  }
  for (const query of ['point=200,10', 'point=10', 'bbox=0,0,1,1&point=1,1', 'bbox=0,0,1,1&since=P0D', 'bbox=0,0,1,1&unknown=1']) {
    const response = await app.inject({ url: `/freshest?${query}` });
    t.equal(response.statusCode, 400, query);
  }
});

t.test('next_passes lists the pool passes over the area within the horizon, or none with a warning when the TLEs are stale', async (t) => {
  // The seeded TLEs date from 2026-05-06/07.
  const at = '2026-05-08T00:00:00Z';
  const answer = await freshest({ bbox: [60, 40, 61, 41], at, horizon_hours: 24 });
  t.same(answer.warnings, []);
  t.ok(answer.next_passes.length >= 5, `${answer.next_passes.length} passes in 24 h`);
  const times = answer.next_passes.map((p) => Date.parse(p.time));
  t.same(times, [...times].sort((a, b) => a - b), 'in time order');
  t.ok(times.every((time) => time >= Date.parse(at) && time <= Date.parse(at) + 24 * 3_600_000), 'within the horizon');
  for (const pass of answer.next_passes) {
    t.ok(pass.member !== null && /^[A-Z]{2}$/.test(pass.member), `${pass.satellite} is a pool satellite (${pass.member})`);
    t.ok(pass.off_nadir_deg >= 0 && pass.off_nadir_deg < 60, `${pass.satellite} off-nadir ${pass.off_nadir_deg}`);
    t.equal(pass.image_possible, pass.sensor === 'sar' || pass.sunlit);
    t.ok(Math.abs(pass.in_hours - (Date.parse(pass.time) - Date.parse(at)) / 3_600_000) < 1e-9);
  }
  t.ok(answer.next_passes.some((p) => p.sunlit) && answer.next_passes.some((p) => !p.sunlit), 'day and night passes');
  const sar = await freshest({ bbox: [60, 40, 61, 41], at, horizon_hours: 24, sensor: 'sar', members: ['CN'] });
  t.ok(sar.next_passes.every((p) => p.sensor === 'sar' && p.member === 'CN'));
  const stale = await freshest({ bbox: [60, 40, 61, 41], at: AT, horizon_hours: 48 });
  t.same(stale.next_passes, []);
  t.match(stale.warnings, [/stale/]);
});

t.test('real scenes (shared/data/stac): the answers agree with Turf over the stored footprints', async (t) => {
  const folders = ['earth-search-s2-l2a-cogs', 'stac-server-fixtures/sentinel-1-grd', 'usgs-landsat-c2/landsat-c2l2-sr'];
  const stored = await loadRealItems(app, database, kz, folders);
  const timeOf = (item: StoredItem) => Date.parse(String(item.properties.end_datetime ?? item.properties.datetime));

  t.test('Sentinel-2 tile 1CCV: the newest scenes covering half of it and the mosaic', async (t) => {
    const bbox = [177.0, -72.9, 178.2, -72.2];
    const parts = bboxPolygons(bbox);
    const at = '2022-03-01T00:00:00Z';
    const answer = await freshest({ bbox, at, limit: 5 });
    const candidates = stored
      .filter((i) => i.collection === 'rx-earth-search-s2-l2a-cogs' && timeOf(i) <= Date.parse(at))
      .map((item) => ({ item, coverage: turfCoverage(parts, item.geometry) }))
      .filter((c) => c.coverage > 0)
      .sort((a, b) => timeOf(b.item) - timeOf(a.item));
    t.equal(answer.scenes.length, 5);
    for (const scene of answer.scenes) {
      const expected = candidates.find((c) => c.item.id === scene.id)!;
      t.ok(Math.abs(scene.coverage - expected.coverage) < shareTolerance, `${scene.id}: ${scene.coverage} vs Turf ${expected.coverage}`);
      t.equal(scene.datetime, new Date(timeOf(expected.item)).toISOString());
      t.equal(scene.cloud_cover, expected.item.properties['eo:cloud_cover']);
      t.equal(scene.platform, 'sentinel-2b');
    }
    const oldest = Date.parse(answer.scenes.at(-1)!.datetime);
    const mustBeListed = candidates.filter((c) => c.coverage >= 0.5 + shareTolerance && timeOf(c.item) >= oldest).map((c) => c.item.id);
    t.ok(mustBeListed.every((id) => ids(answer.scenes).includes(id)), 'no newer scene covering half the area is left out');
    t.ok(answer.mosaic.scenes.length >= 2, `the mosaic needs ${answer.mosaic.scenes.length} scenes`);
    t.same(ids(answer.mosaic.scenes), ids(candidates.filter((c) => ids(answer.mosaic.scenes).includes(c.item.id)).map((c) => c.item)), 'newest first');
    t.ok(answer.mosaic.scenes.every((s) => s.added_coverage >= 0.01));
    const union = turfUnionCoverage(parts, answer.mosaic.scenes.map((s) => candidates.find((c) => c.item.id === s.id)!.item.geometry));
    t.ok(Math.abs(answer.mosaic.coverage - union) < shareTolerance, `mosaic ${answer.mosaic.coverage} vs Turf union ${union}`);
    const sum = answer.mosaic.scenes.reduce((s, m) => s + m.added_coverage, 0);
    t.ok(Math.abs(sum - answer.mosaic.coverage) < 1e-9, 'the shares added sum to the coverage');
  });

  t.test('Sentinel-1 GRD (SAR extension, no cloud cover, a 25 s range) passes a cloud threshold and the SAR filter', async (t) => {
    const bbox = [76, -48, 77, -47];
    const at = '2023-04-14T00:00:00Z';
    const sar = await freshest({ bbox, at, max_cloud_cover: 10, sensor: 'sar', min_coverage: 0.1 });
    const expected = stored
      .filter((i) => i.collection === 'rx-stac-server-fixtures-sentinel-1-grd' && turfCoverage(bboxPolygons(bbox), i.geometry) >= 0.1)
      .sort((a, b) => timeOf(b) - timeOf(a));
    t.ok(expected.length > 0);
    t.same(ids(sar.scenes), ids(expected));
    t.equal(sar.scenes[0]!.datetime, new Date(timeOf(expected[0]!)).toISOString(), 'the end of its range');
    t.equal(sar.scenes[0]!.cloud_cover, null);
    t.same((await freshest({ bbox, at, sensor: 'optical', min_coverage: 0.1 })).scenes, []);
  });

  t.test('Landsat 5 split at the antimeridian, over an area across it', async (t) => {
    const bbox = [179.95, 60.8, -179.5, 61.2];
    const answer = await freshest({ bbox, at: '2009-07-01T00:00:00Z', min_coverage: 0 });
    const landsat = stored.find((i) => i.id === 'LT05_L2SR_087017_20090621_20200827_02_T2_SR')!;
    const scene = answer.scenes.find((s) => s.id === landsat.id);
    t.ok(scene !== undefined, 'found across the antimeridian');
    const expected = turfCoverage(bboxPolygons(bbox), landsat.geometry);
    t.ok(expected > 0.05 && Math.abs(scene!.coverage - expected) < shareTolerance, `${scene?.coverage} vs Turf ${expected}`);
  });
});
