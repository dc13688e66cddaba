import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { booleanPointInPolygon } from '@turf/turf';
import type { Geometry, Polygon } from 'geojson';
import { sql } from 'kysely';
import t from 'tap';
import { deliverDueWebhooks, evaluateWatches, scheduleMonitoring, WATCHES_JOB, WEBHOOKS_JOB, type WebhookPolicy } from '../../src/monitoring/index.js';
import { createOutboundClient } from '../../src/net/index.js';
import { groupVisits, territoryGrid } from '../../src/revisit/core/index.js';
import type { Scheduler } from '../../src/scheduler/index.js';
import { runJobOnce } from '../../src/scheduler/index.js';
import { bboxPolygons, footprintIntersects, loadRealItems } from '../catalog/search/real-items.js';
import { createTestApp } from '../helpers/test-app.js';
import { hoursFrom, storeScenes } from '../monitoring/scenes.js';
import { turfUnionCoverage } from '../monitoring/turf-coverage.js';

const { app, auth, database } = await createTestApp(t, { EOPOOL_ALLOWED_HOSTS: '127.0.0.1' });
const { db } = database;
const kz = await auth('member', 'KZ');
const ru = await auth('member', 'RU');
const reader = await auth('reader', 'KZ');
const outbound = createOutboundClient({ allowedHosts: ['127.0.0.1'] });
t.teardown(() => outbound.close());

/** Geodesic (PostGIS) and spherical (Turf) shares agree within this. */
const shareTolerance = 0.01;

/** A test territory stored directly (the territories API is another unit's). */
async function territory(id: string, geometry: Geometry): Promise<void> {
  await sql`INSERT INTO territories (id, name, kind, geometry)
            VALUES (${id}, ${id}, 'emergency', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}::text), 4326)))`.execute(db);
}

const box = (west: number, south: number, east: number, north: number): Polygon => bboxPolygons([west, south, east, north])[0]!;

async function get<T = Record<string, any>>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await app.inject({ url, headers });
  if (response.statusCode !== 200) throw new Error(`GET ${url}: ${response.statusCode} ${response.body}`);
  return response.json<T>();
}

t.test('GET /territories/{t}/gaps: the parts no scene covers, until scenes cover them', async (t) => {
  const at = '2025-06-01T12:00:00Z';
  await territory('tst-valley', box(70, 45, 71, 46));
  const gaps = (query = '') => get(`/territories/tst-valley/gaps?at=${at}${query}`);

  const empty = await gaps();
  t.equal(empty.type, 'FeatureCollection');
  t.equal(empty.since, hoursFrom(at, -7 * 24), 'since defaults to P7D');
  t.equal(empty.scenes, 0);
  t.equal(empty.features.length, 1);
  t.ok(Math.abs(empty.stale_share - 1) < 1e-9, 'all of it is stale');
  t.ok(Math.abs(empty.stale_area_km2 - empty.area_km2) < 1e-6);
  t.ok(Math.abs(empty.area_km2 - 8686) < 10, `1° × 1° at 45°N: ${empty.area_km2} km²`);

  await storeScenes(app, kz, 'tst-valley-scenes', [
    { id: 'west-half', box: [69.9, 44.9, 70.5, 46.1], datetime: hoursFrom(at, -24), platform: 'kazeosat-2', cloud: 10 },
    { id: 'old-whole', box: [69, 44, 72, 47], datetime: hoursFrom(at, -10 * 24), platform: 'kazeosat-2', cloud: 0 },
    { id: 'long-range-whole', box: [69, 44, 72, 47], range: [hoursFrom(at, -30), hoursFrom(at, -10)], platform: 'kazeosat-2', cloud: 0 },
  ]);
  const half = await gaps();
  t.equal(half.scenes, 1, 'the old scene and the long range are left out');
  t.equal(half.features.length, 1);
  t.ok(Math.abs(half.stale_share - 0.5) < shareTolerance, `stale share ${half.stale_share}`);
  const [feature] = half.features;
  t.ok(Math.abs(feature.properties.area_km2 - half.stale_area_km2) < 1e-6, 'each feature has its area');
  const lons = (feature.geometry.coordinates as number[][][]).flat().map((p) => p[0]!);
  t.same([Math.min(...lons), Math.max(...lons)], [70.5, 71], 'the east half is the gap');
  t.ok(Math.abs((await gaps('&since=P14D')).stale_share) < 1e-9, 'the older scene covers everything in a longer window');

  await storeScenes(app, kz, 'tst-valley-scenes', [
    { id: 'east-half-cloudy', box: [70.4, 44.9, 71.1, 46.1], datetime: hoursFrom(at, -2), platform: 'kazeosat-1', cloud: 80 },
  ]);
  const closed = await gaps();
  t.equal(closed.features.length, 0, 'the gap closed when the scene was ingested');
  t.equal(closed.stale_area_km2, 0);
  t.ok(Math.abs((await gaps('&max_cloud_cover=50')).stale_share - 0.5) < shareTolerance, 'unless the cloudy scene is filtered out');
  t.ok(Math.abs((await gaps('&sensor=sar')).stale_share - 1) < 1e-9, 'no SAR scene');

  const grid = await get(`/territories/tst-valley/gaps?at=${at}&format=grid&cell_km=25&max_cloud_cover=50`);
  t.equal(grid.format, 'grid');
  t.equal(grid.cells, grid.features.length);
  t.ok(grid.cells >= 10 && grid.cells <= 20, `${grid.cells} cells of 25 km`);
  for (const cell of grid.features) {
    const lons = (cell.geometry.coordinates as number[][][]).flat().map((p) => p[0]!);
    const centre = (Math.min(...lons) + Math.max(...lons)) / 2;
    const covered = Math.min(...lons) < 70.5;
    t.equal(cell.properties.age_hours, covered ? 24 : null, `cell at ${centre.toFixed(2)}°E`);
    t.equal(cell.properties.newest, covered ? hoursFrom(at, -24) : null);
  }
  t.equal(grid.stale_cells, grid.features.filter((c: any) => c.properties.age_hours === null).length);
});

t.test('gaps of a territory across the antimeridian', async (t) => {
  const at = '2025-06-01T12:00:00Z';
  await territory('tst-fiji', { type: 'MultiPolygon', coordinates: [box(179.5, -17, 180, -16).coordinates, box(-180, -17, -179.5, -16).coordinates] });
  const before = await get(`/territories/tst-fiji/gaps?at=${at}`);
  t.ok(Math.abs(before.stale_share - 1) < 1e-9);
  await storeScenes(app, ru, 'tst-fiji-scenes', [{ id: 'across-west-half', box: [179.4, -17.1, -179.75, -15.9], datetime: hoursFrom(at, -3), cloud: 0 }]);
  const after = await get(`/territories/tst-fiji/gaps?at=${at}`);
  t.equal(after.scenes, 1);
  t.ok(Math.abs(after.stale_share - 0.25) < shareTolerance, `a quarter left, east of -179.75: ${after.stale_share}`);
  const lons = after.features.flatMap((f: any) => (f.geometry.coordinates as number[][][]).flat().map((p) => p[0]!));
  t.ok(lons.every((lon: number) => lon >= -179.75 && lon <= -179.5), 'the gap lies west of the antimeridian');
  const grid = await get(`/territories/tst-fiji/gaps?at=${at}&format=grid&cell_km=20`);
  t.ok(grid.features.some((c: any) => c.properties.age_hours === 3) && grid.features.some((c: any) => c.properties.age_hours === null));
});

t.test('gaps on real scenes: Joplin aerial tiles against the Turf union of their footprints', async (t) => {
  const joplin = (await loadRealItems(app, database, kz, ['stac-fastapi-pgstac/joplin'])).filter((i) => i.collection === 'rx-stac-fastapi-pgstac-joplin');
  const area = box(-94.69, 37.035, -94.63, 37.1);
  await territory('tst-joplin', area);
  const answer = await get('/territories/tst-joplin/gaps?at=2000-02-03T00:00:00Z');
  const over = joplin.filter((i) => footprintIntersects(i, [area]));
  const expected = 1 - turfUnionCoverage([area], over.map((i) => i.geometry));
  t.ok(over.length > 5, `${over.length} tiles meet the territory`);
  t.equal(answer.scenes, over.length, 'the scenes over it');
  t.ok(expected > 0.01 && expected < 0.99, `Turf: ${expected} stale`);
  t.ok(Math.abs(answer.stale_share - expected) < shareTolerance, `stale share ${answer.stale_share} vs Turf ${expected}`);
  const before = await get('/territories/tst-joplin/gaps?at=2000-02-01T00:00:00Z&since=P30D');
  t.ok(Math.abs(before.stale_share - 1) < 1e-9, 'before the flight, all of it');
});

t.test('GET /territories/{t}/observed: revisit from footprints beside the prediction of the same window', async (t) => {
  await territory('tst-observed', box(72, 45, 72.6, 45.5));
  const day = (d: number, hour = 5) => `2026-05-0${d}T0${hour}:00:00Z`;
  await storeScenes(app, kz, 'tst-observed-kz', [
    { id: 'kz-1', box: [71.9, 44.9, 72.7, 45.6], datetime: day(1), platform: 'kazeosat-1', cloud: 5 },
    { id: 'kz-2', box: [71.9, 44.9, 72.7, 45.6], datetime: day(2), platform: 'kazeosat-1', cloud: 5 },
    { id: 'kz-3', box: [71.9, 44.9, 72.7, 45.6], datetime: day(3), platform: 'kazeosat-1', cloud: 95 },
  ]);
  await storeScenes(app, ru, 'tst-observed-ru', [
    // Ten minutes after kz-2: the same visit for the pool, a visit of its own for Russia.
    { id: 'ru-1', box: [71.9, 44.9, 72.7, 45.6], datetime: '2026-05-02T05:10:00Z', platform: 'kanopus-v-3', cloud: 1 },
    { id: 'ru-west-only', box: [71.9, 44.9, 72.3, 45.6], datetime: day(4), platform: 'kanopus-v-4', cloud: 1 },
  ]);
  const window = 'start=2026-05-01T00:00:00Z&end=2026-05-08T00:00:00Z';
  const answer = await get(`/territories/tst-observed/observed?${window}`);
  t.equal(answer.territory, 'tst-observed');
  t.same(answer.window, { start: '2026-05-01T00:00:00.000Z', end: '2026-05-08T00:00:00.000Z', days: 7 });
  t.equal(answer.scenes, 5);
  const westPoints = territoryGrid(box(72, 45, 72.6, 45.5)).points.filter((p) => p.longitudeDeg < 72.3).length;
  t.equal(answer.points, territoryGrid(box(72, 45, 72.6, 45.5)).points.length, 'the revisit grid');
  const { pool, members } = answer.observed;
  t.equal(pool.covered_fraction, 1);
  t.ok(Math.abs(pool.visits_per_point - (3 + westPoints / answer.points)) < 1e-9, `visits per point ${pool.visits_per_point}`);
  t.equal(members.KZ.visits_per_point, 3);
  t.ok(Math.abs(members.RU.visits_per_point - (1 + westPoints / answer.points)) < 1e-9);
  t.equal(members.KZ.mean_revisit_hours, 24);
  t.equal(members.KZ.any_point.events, 3);
  t.equal(pool.any_point.events, 5, 'events are per platform: the two satellites over it ten minutes apart are two passes');
  t.equal(members.CN.visits_per_point, 0, 'every member is reported');
  t.not(answer.predicted, null, 'the TLEs of 2026-05-07 lie within 45 days');
  t.equal(answer.reason, null);
  t.ok(answer.predicted.pool.visits_per_point > 0);
  t.ok(Math.abs(answer.ratio - pool.visits_per_point / answer.predicted.pool.visits_per_point) < 1e-12, `ratio ${answer.ratio}`);
  const predictedKz = answer.predicted.members.KZ.visits_per_point;
  t.equal(answer.member_ratios.KZ, predictedKz > 0 ? 3 / predictedKz : null, 'per member too');
  t.equal(answer.member_ratios.BY, null, 'Belarus has no satellite in the pool');
  t.ok(answer.predicted.satellites.length > 20, 'the pool satellites');

  const clear = await get(`/territories/tst-observed/observed?${window}&max_cloud_cover=50&members=KZ`);
  t.same(Object.keys(clear.observed.members), ['KZ']);
  t.equal(clear.observed.pool.visits_per_point, 2, 'the cloudy scene is left out');
  t.ok(clear.predicted.satellites.every((s: any) => s.member === 'KZ'), 'and only the members’ satellites predicted');

  const past = await get('/territories/tst-observed/observed?start=2025-01-01T00:00:00Z&end=2025-01-31T00:00:00Z');
  t.equal(past.predicted, null);
  t.equal(past.ratio, null);
  t.equal(past.reason, 'no_tle_for_window');
  t.equal(past.observed.pool.visits_per_point, 0);
});

t.test('observed revisit on real scenes: Sentinel-2 tile 1CCV over 2019, counted point by point', async (t) => {
  const stored = await loadRealItems(app, database, kz, ['earth-search-s2-l2a-cogs']);
  const area = box(177.3, -72.8, 177.9, -72.4);
  await territory('tst-ross-sea', area);
  const answer = await get('/territories/tst-ross-sea/observed?start=2019-01-01T00:00:00Z&end=2019-12-31T00:00:00Z');
  const inYear = stored.filter((i) => {
    const time = Date.parse(String(i.properties.datetime));
    return time >= Date.parse('2019-01-01T00:00:00Z') && time <= Date.parse('2019-12-31T00:00:00Z');
  });
  const grid = territoryGrid(area);
  const visits = grid.points.map((p) =>
    groupVisits(
      inYear
        .filter((i) => i.geometry !== null && booleanPointInPolygon([p.longitudeDeg, p.latitudeDeg], i.geometry as Polygon))
        .map((i) => Date.parse(String(i.properties.datetime)))
        .sort((a, b) => a - b),
    ).length,
  );
  const expected = visits.reduce((a, b) => a + b, 0) / grid.points.length;
  t.ok(expected > 1, `${expected} visits per point expected`);
  t.ok(Math.abs(answer.observed.pool.visits_per_point - expected) < 1e-6, `visits per point ${answer.observed.pool.visits_per_point}`);
  t.equal(answer.observed.members.KZ.visits_per_point, answer.observed.pool.visits_per_point, "the collection's owner is the member");
  t.equal(answer.reason, 'no_tle_for_window', 'no stored TLE within 45 days of 2019');
  t.equal(answer.ratio, null);
});

t.test('bad input answers 4xx with the reason', async (t) => {
  const cases: [string, number, string][] = [
    ['/territories/XX/gaps', 404, 'TerritoryNotFound'],
    ['/territories/XX/observed', 404, 'TerritoryNotFound'],
    ['/territories/KZ/gaps?since=2025-06-02T00:00:00Z&at=2025-06-01T00:00:00Z', 400, 'InvalidSince'],
    ['/territories/KZ/gaps?since=soon', 400, 'InvalidSince'],
    ['/territories/KZ/gaps?format=png', 400, 'InvalidParameter'],
    ['/territories/KZ/gaps?format=grid&cell_km=5', 400, 'TooManyCells'],
    ['/territories/KZ/gaps?colour=red', 400, 'InvalidParameter'],
    ['/territories/KZ/observed?start=2025-06-02T00:00:00Z&end=2025-06-01T00:00:00Z', 400, 'InvalidSince'],
    ['/territories/KZ/observed?start=P2Y', 400, 'InvalidWindow'],
    ['/alerts?state=maybe', 400, 'InvalidParameter'],
    ['/alerts/no-such-alert', 404, 'AlertNotFound'],
  ];
  for (const [url, status, code] of cases) {
    const response = await app.inject({ url });
    t.equal(response.statusCode, status, url);
    t.equal(response.json().code, code, response.json().description);
  }
});

interface Received {
  path: string;
  body: string;
  signature: string;
  event: string;
  delivery: string;
  status: number;
}

/** A webhook receiver on loopback: `/flaky` fails its first two requests, `/down` always answers 503, `/ok` always 200. */
async function startReceiver(t: { teardown(fn: () => unknown): void }) {
  const received: Received[] = [];
  let flakyFailures = 2;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let status = 200;
      if (request.url === '/down') status = 503;
      if (request.url === '/flaky' && flakyFailures > 0) {
        flakyFailures--;
        status = 500;
      }
      received.push({
        path: request.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(request.headers['x-eopool-signature']),
        event: String(request.headers['x-eopool-event']),
        delivery: String(request.headers['x-eopool-delivery']),
        status,
      });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'thanks' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return { received, url };
}

/** What the receiver checks: the HMAC-SHA256 of the raw body with the secret, in constant time. */
function signedWith(secret: string, body: string, header: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const SECRET = 'correct horse battery staple';
const quickRetries: WebhookPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 5000 };
const plus = (time: string, ms: number) => new Date(Date.parse(time) + ms);

t.test('watches: created with an allowed webhook URL, listed without their secret, deleted by their owner', async (t) => {
  const { url } = await startReceiver(t);
  const body = { max_age_hours: 48, max_cloud_cover: 30, webhook_url: url('/ok'), secret: SECRET };
  const created = await app.inject({ method: 'POST', url: '/territories/KZ/watches', headers: kz, payload: body });
  t.equal(created.statusCode, 201);
  const watch = created.json();
  t.match(watch, { territory: 'KZ', member: 'KZ', max_age_hours: 48, max_cloud_cover: 30, sensor: null, min_stale_share: 0, webhook_url: url('/ok') });
  t.notOk('secret' in watch, 'the secret is never answered');
  t.equal(created.headers.location, `http://localhost:80/watches/${watch.id}`);
  const listed = await get('/territories/KZ/watches', kz);
  t.same(listed.watches.map((w: any) => w.id), [watch.id]);
  t.notOk(JSON.stringify(listed).includes(SECRET));
  t.same((await get('/territories/KZ/watches', ru)).watches, [], "another member does not see it");

  const refused: [Record<string, unknown>, Record<string, string>, number, string][] = [
    [{ ...body, webhook_url: 'http://10.1.2.3/hook' }, kz, 400, 'OutboundNotAllowed'],
    [{ ...body, webhook_url: 'http://169.254.169.254/latest' }, kz, 400, 'OutboundNotAllowed'],
    [{ ...body, webhook_url: 'http://localhost:9/hook' }, kz, 400, 'OutboundNotAllowed'],
    [{ ...body, webhook_url: 'ftp://example.com/hook' }, kz, 400, 'OutboundNotAllowed'],
    [{ ...body, webhook_url: 'not a url' }, kz, 400, 'OutboundNotAllowed'],
    [{ ...body, secret: 'short' }, kz, 400, 'InvalidParameter'],
    [{ ...body, max_age_hours: 0 }, kz, 400, 'InvalidParameter'],
    [{ ...body, colour: 'red' }, kz, 400, 'InvalidParameter'],
    [body, reader, 403, 'Forbidden'],
    [body, {}, 401, 'Unauthorized'],
  ];
  for (const [payload, headers, status, code] of refused) {
    const response = await app.inject({ method: 'POST', url: '/territories/KZ/watches', headers, payload });
    t.equal(response.statusCode, status, JSON.stringify(payload));
    t.equal(response.json().code, code, response.json().description);
  }
  const unknown = await app.inject({ method: 'POST', url: '/territories/XX/watches', headers: kz, payload: body });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().code, 'TerritoryNotFound');

  t.equal((await app.inject({ method: 'DELETE', url: `/watches/${watch.id}`, headers: ru })).statusCode, 403);
  t.equal((await app.inject({ method: 'DELETE', url: `/watches/${watch.id}`, headers: kz })).statusCode, 204);
  t.equal((await app.inject({ method: 'DELETE', url: `/watches/${watch.id}`, headers: kz })).json().code, 'WatchNotFound');
});

t.test('an alert opens on a stale territory and closes when a scene covers it; the webhook fails twice, then gets each notice once, signed', async (t) => {
  const { received, url } = await startReceiver(t);
  await territory('tst-alert', box(73, 45, 73.5, 45.5));
  const created = await app.inject({
    method: 'POST',
    url: '/territories/tst-alert/watches',
    headers: kz,
    payload: { max_age_hours: 24, max_cloud_cover: 50, webhook_url: url('/flaky'), secret: SECRET },
  });
  const watch = created.json();
  t.teardown(() => app.inject({ method: 'DELETE', url: `/watches/${watch.id}`, headers: kz }));
  const t0 = '2026-06-01T00:00:00Z';

  t.match(await evaluateWatches(db, { now: new Date(t0) }), { opened: 1, closed: 0 });
  t.match(await evaluateWatches(db, { now: plus(t0, 60_000) }), { opened: 0, stillOpen: 1 }, 'one alert per breach');
  const [open] = (await get('/alerts?territory=tst-alert&state=open')).alerts;
  t.match(open, { watch: watch.id, territory: 'tst-alert', state: 'open', opened: '2026-06-01T00:00:00.000Z', closed: null });
  t.ok(Math.abs(open.stale_share - 1) < 1e-9);
  t.ok(open.stale_area_km2 > 2000, `stale ${open.stale_area_km2} km²`);
  t.equal(open.notices.opened.state, 'pending');

  // The first attempt and two retries, each due after the backoff (1 s, then 2 s).
  t.match(await deliverDueWebhooks(db, outbound, { now: new Date(t0), policy: quickRetries }), { attempted: 1, failed: 1 });
  t.match(await deliverDueWebhooks(db, outbound, { now: plus(t0, 500), policy: quickRetries }), { attempted: 0 }, 'not due yet');
  t.match(await deliverDueWebhooks(db, outbound, { now: plus(t0, 1000), policy: quickRetries }), { attempted: 1, failed: 1 });
  t.match(await deliverDueWebhooks(db, outbound, { now: plus(t0, 3000), policy: quickRetries }), { attempted: 1, delivered: 1 });
  t.match(await deliverDueWebhooks(db, outbound, { now: plus(t0, 60_000), policy: quickRetries }), { attempted: 0 }, 'delivered once');
  t.same(received.map((r) => r.status), [500, 500, 200]);
  t.equal(new Set(received.map((r) => r.body)).size, 1, 'every attempt sends the same body');
  t.ok(received.every((r) => signedWith(SECRET, r.body, r.signature)), 'signed with the watch secret');
  t.notOk(signedWith('another secret entirely', received[0]!.body, received[0]!.signature));
  t.same(new Set(received.map((r) => r.delivery)), new Set([`${open.id}/alert.opened`]));
  const notice = JSON.parse(received[2]!.body);
  t.match(notice, { event: 'alert.opened', alert: { id: open.id, watch: watch.id, territory: 'tst-alert', state: 'open', max_age_hours: 24, max_cloud_cover: 50 } });

  const detail = await get(`/alerts/${open.id}`);
  t.match(detail.notices.opened, { state: 'delivered', attempts: 3, last_status_code: 200, last_error: null, next_attempt: null });
  t.same(detail.deliveries.map((d: any) => [d.event, d.attempt, d.state, d.status_code]), [
    ['alert.opened', 1, 'failed', 500],
    ['alert.opened', 2, 'failed', 500],
    ['alert.opened', 3, 'delivered', 200],
  ]);
  t.match(detail.deliveries[0].error, /answered 500: not now/);

  const t1 = '2026-06-02T00:00:00Z';
  await storeScenes(app, kz, 'tst-alert-scenes', [
    { id: 'cloudy', box: [72.9, 44.9, 73.6, 45.6], datetime: hoursFrom(t1, -3), platform: 'kazeosat-2', cloud: 70 },
  ]);
  t.match(await evaluateWatches(db, { now: new Date(t1) }), { stillOpen: 1 }, 'a cloudy scene does not count for this watch');
  await storeScenes(app, kz, 'tst-alert-scenes', [
    { id: 'clear', box: [72.9, 44.9, 73.6, 45.6], datetime: hoursFrom(t1, -2), platform: 'kazeosat-2', cloud: 10 },
  ]);
  t.match(await evaluateWatches(db, { now: new Date(t1) }), { closed: 1 });
  t.match(await deliverDueWebhooks(db, outbound, { now: new Date(t1), policy: quickRetries }), { attempted: 1, delivered: 1 });
  t.same(received.map((r) => r.event), ['alert.opened', 'alert.opened', 'alert.opened', 'alert.closed']);
  t.ok(signedWith(SECRET, received[3]!.body, received[3]!.signature));
  t.match(JSON.parse(received[3]!.body), { event: 'alert.closed', alert: { id: open.id, state: 'closed', closed: '2026-06-02T00:00:00.000Z' } });
  t.same((await get('/alerts?territory=tst-alert&state=open')).alerts, []);
  const [closed] = (await get('/alerts?territory=tst-alert&state=closed')).alerts;
  t.match(closed, { id: open.id, state: 'closed', closed: '2026-06-02T00:00:00.000Z', current: { stale_share: 0 } });
  t.match(closed.notices.closed, { state: 'delivered', attempts: 1 });
  t.match(await evaluateWatches(db, { now: plus(t1, 60_000) }), { opened: 0, closed: 0, stillOpen: 0 });
});

t.test('a receiver that stays down: bounded attempts, the final failure in GET /alerts/{id}, and the closing notice only after', async (t) => {
  const { received, url } = await startReceiver(t);
  await territory('tst-down', box(74, 45, 74.5, 45.5));
  const watch = (
    await app.inject({ method: 'POST', url: '/territories/tst-down/watches', headers: ru, payload: { max_age_hours: 12, webhook_url: url('/down'), secret: SECRET } })
  ).json();
  t.teardown(() => app.inject({ method: 'DELETE', url: `/watches/${watch.id}`, headers: ru }));
  const t0 = '2026-07-01T00:00:00Z';
  await evaluateWatches(db, { now: new Date(t0) });
  await deliverDueWebhooks(db, outbound, { now: new Date(t0), policy: quickRetries });
  await storeScenes(app, ru, 'tst-down-scenes', [{ id: 'cover', box: [73.9, 44.9, 74.6, 45.6], datetime: hoursFrom(t0, 0.25), cloud: 0 }]);
  t.match(await evaluateWatches(db, { now: plus(t0, 30 * 60_000) }), { closed: 1 });
  const [alert] = (await get('/alerts?territory=tst-down')).alerts;
  for (const ms of [1000, 3000, 10_000, 20_000, 30_000]) await deliverDueWebhooks(db, outbound, { now: plus(t0, 30 * 60_000 + ms), policy: quickRetries });
  t.same(
    received.map((r) => `${r.event} ${r.status}`),
    ['alert.opened 503', 'alert.opened 503', 'alert.opened 503', 'alert.closed 503', 'alert.closed 503', 'alert.closed 503'],
    'the closing notice waits for the opening one to be settled; three attempts each',
  );
  const detail = await get(`/alerts/${alert.id}`);
  t.match(detail.notices.opened, { state: 'failed', attempts: 3, last_status_code: 503, next_attempt: null });
  t.match(detail.notices.opened.last_error, /answered 503/);
  t.match(detail.notices.closed, { state: 'failed', attempts: 3 });
  t.equal(detail.deliveries.length, 6);
  t.match(await deliverDueWebhooks(db, outbound, { now: plus(t0, 86_400_000), policy: quickRetries }), { attempted: 0 }, 'no attempt after the last');
});

t.test('the monitoring jobs run through the scheduler and are recorded in /jobs', async (t) => {
  const registered = new Map<string, { expression: string; work: (slot: Date) => Promise<Record<string, unknown>> }>();
  const scheduler: Scheduler = {
    every: (job, expression, work) => void registered.set(job, { expression, work }),
    cancel: () => undefined,
    stop: async () => undefined,
  };
  let ready = false;
  scheduleMonitoring(scheduler, { db, outbound, clock: () => new Date('2026-08-01T00:00:00Z'), ready: () => ready });
  t.same([...registered.entries()].map(([job, { expression }]) => [job, expression]), [
    [WATCHES_JOB, '*/5 * * * *'],
    [WEBHOOKS_JOB, '* * * * *'],
  ]);
  const slot = '2026-08-01T00:00:00.000Z';
  const run = (job: string, at: string) => runJobOnce(db, job, at, () => registered.get(job)!.work(new Date(at)));
  t.match(await run(WATCHES_JOB, slot), { state: 'skipped', counts: { skipped: 'eopool is starting' } });
  ready = true;
  t.match(await run(WATCHES_JOB, '2026-08-01T00:05:00.000Z'), { state: 'succeeded', counts: { watches: 0, opened: 0, attempted: 0 } });
  t.match(await run(WEBHOOKS_JOB, '2026-08-01T00:06:00.000Z'), { state: 'succeeded', counts: { attempted: 0 } });
  t.equal(await run(WEBHOOKS_JOB, '2026-08-01T00:06:00.000Z'), null, 'a slot runs once');
  const { runs } = await get(`/jobs?job=${WATCHES_JOB}`);
  t.same(runs.map((r: any) => r.state), ['succeeded', 'skipped']);
});
