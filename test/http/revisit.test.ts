/**
 * Predicted passes and revisit through HTTP. Sentinel-2A and 2B with their 2024-10-05 reference TLEs
 * (kept in tle_history, so a 2024 window uses them) revisit the equator every 10 days each and every
 * 5 days together (ESA, https://sentinel.esa.int/web/sentinel/missions/sentinel-2/overview): the
 * largest gap of a point is those 240 h and 120 h. Territories stay small and windows short.
 */
import t from 'tap';
import { tleChecksum } from '../../src/orbits/index.js';
import { createTestApp } from '../helpers/test-app.js';

const { app, admin } = await createTestApp(t, { EOPOOL_REVISIT_WORK_MAX: '3000000' });

/** About 222 km x 222 km on the equator in the Congo basin: about 2,000 points on the default 5 km grid. */
const equatorial = (
  await app.inject({
    method: 'POST',
    url: '/territories',
    headers: admin,
    payload: { name: 'Equatorial test square', kind: 'region', geometry: { type: 'Polygon', coordinates: [[[20, -1], [22, -1], [22, 1], [20, 1], [20, -1]]] } },
  })
).json().id as string;

const gapTolerance = 0.05;
const near = (value: number, expected: number) => Math.abs(value / expected - 1) < gapTolerance;

t.test('GET /territories/{t}/revisit with satellites=40697,42063 near 2024-10-05 gives the 5-day largest gap', async (t) => {
  const response = await app.inject({ url: `/territories/${equatorial}/revisit?satellites=40697,42063&start=2024-10-05&days=20` });
  t.equal(response.statusCode, 200);
  const body = response.json();
  t.match(body, {
    territory: equatorial,
    start: '2024-10-05T00:00:00.000Z',
    end: '2024-10-25T00:00:00.000Z',
    mode: 'nadir',
    source: 'computed',
    grid: { spacing_km: 5 },
    members: { EU: { covered_fraction: 1 } },
    pooling_gain: { EU: 1 },
    skipped: [],
  });
  t.ok(body.grid.points > 1500, `${body.grid.points} grid points`);
  t.same(body.satellites.map((s: any) => s.tle_epoch.slice(0, 10)), ['2024-10-05', '2024-10-05'], 'the 2024 TLEs from the history');
  t.equal(body.pool.covered_fraction, 1);
  t.ok(near(body.pool.worst_max_gap_hours, 120), `worst largest gap ${body.pool.worst_max_gap_hours.toFixed(1)} h, published 120 h`);
  t.ok(body.pool.mean_max_gap_hours <= 121 && body.pool.mean_max_gap_hours > 100, `mean largest gap ${body.pool.mean_max_gap_hours.toFixed(1)} h`);
  t.match(body.warnings, [/more than 7 days from the window/], 'the far window edge is 20 days from the TLE epoch');

  const alone = (await app.inject({ url: `/territories/${equatorial}/revisit?satellites=40697&start=2024-10-05&days=20` })).json();
  t.ok(near(alone.pool.worst_max_gap_hours, 240), `Sentinel-2A alone: ${alone.pool.worst_max_gap_hours.toFixed(1)} h, published 240 h`);
});

t.test('GET /territories/{t}/passes lists the pass events with share and the off-nadir angle to the centre', async (t) => {
  const response = await app.inject({ url: `/territories/${equatorial}/passes?satellites=40697,42063&start=2024-10-05&days=10` });
  t.equal(response.statusCode, 200);
  const { passes, source } = response.json();
  t.equal(source, 'computed');
  t.ok(passes.length >= 4, `${passes.length} passes`);
  for (const pass of passes) {
    t.match(pass, { member: 'EU', sensor: 'optical', satellite: /^SENTINEL-2[AB]$/ });
    t.ok(pass.share > 0 && pass.share <= 1);
    t.ok(pass.start <= pass.end && pass.start >= '2024-10-05' && pass.end < '2024-10-15');
    t.ok(pass.centre_off_nadir_deg >= 0 && pass.centre_off_nadir_deg < 60);
  }
  t.same(passes.map((p: any) => p.start), passes.map((p: any) => p.start).sort(), 'ordered by start');
});

t.test('format=geojson gives the grid points with visits, mean revisit and largest gap', async (t) => {
  const response = await app.inject({ url: `/territories/${equatorial}/revisit?satellites=40697,42063&start=2024-10-05&days=20&format=geojson&grid_km=20` });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /application\/geo\+json/);
  const collection = response.json();
  t.match(collection, { type: 'FeatureCollection', territory: equatorial, grid: { spacing_km: 20 } });
  t.equal(collection.features.length, collection.grid.points);
  const [feature] = collection.features;
  t.match(feature, { type: 'Feature', geometry: { type: 'Point' }, properties: { visits: Number } });
  t.ok(collection.features.every((f: any) => f.properties.max_gap_hours <= 121), 'no point waits more than 5 days');
});

t.test('members, sensor, mode and Sun elevation shape the computation', async (t) => {
  const window = 'start=2026-05-08&days=2';
  const ru = (await app.inject({ url: `/territories/${equatorial}/revisit?${window}&members=RU` })).json();
  t.same(Object.keys(ru.members), ['RU'], 'only the members asked');
  t.ok(ru.satellites.every((s: any) => s.member === 'RU'));
  const agile = (await app.inject({ url: `/territories/${equatorial}/revisit?${window}&members=RU&mode=agile` })).json();
  t.ok(agile.pool.visits_per_point > ru.pool.visits_per_point, `agile ${agile.pool.visits_per_point.toFixed(2)} > nadir ${ru.pool.visits_per_point.toFixed(2)} visits per point`);
  const sar = (await app.inject({ url: `/territories/${equatorial}/revisit?${window}&sensor=sar` })).json();
  t.ok(sar.satellites.length > 0 && sar.satellites.every((s: any) => s.sensor === 'sar'));
  const dark = (await app.inject({ url: `/territories/${equatorial}/revisit?satellites=40697,42063&start=2024-10-05&days=10&sun_elevation_min=89` })).json();
  t.equal(dark.pool.covered_fraction, 0, 'no optical access with the Sun required at the zenith');
});

t.test('a satellite without a swath is stored but skipped, and listed', async (t) => {
  const sentinel = (await app.inject({ url: '/satellites/40697' })).json();
  const line1 = `1 90100${sentinel.tle[0].slice(7, 68)}`;
  const line2 = `2 90100${sentinel.tle[1].slice(7, 68)}`;
  const { tle_epoch: _epoch, tle_age_days: _age, ...entry } = sentinel;
  const created = await app.inject({
    method: 'POST',
    url: '/satellites',
    headers: admin,
    payload: { ...entry, norad_id: 90100, name: 'NO SWATH', swath_km: null, tle: [`${line1}${tleChecksum(line1)}`, `${line2}${tleChecksum(line2)}`] },
  });
  t.equal(created.statusCode, 201);
  const body = (await app.inject({ url: `/territories/${equatorial}/revisit?satellites=40697,90100&start=2026-05-08&days=1` })).json();
  t.same(body.skipped, [{ norad_id: 90100, name: 'NO SWATH', reason: 'no_swath' }]);
  t.same(body.satellites.map((s: any) => s.norad_id), [40697]);
});

t.test('bad input: unknown territory, satellite or member, long windows, fine grids, big work, stale TLEs', async (t) => {
  const cases: [string, number, string][] = [
    ['/territories/XX/revisit?start=2026-05-08&days=1', 404, 'TerritoryNotFound'],
    [`/territories/${equatorial}/passes?satellites=40697,99999&start=2026-05-08&days=1`, 404, 'SatelliteNotFound'],
    [`/territories/${equatorial}/revisit?members=KZ,XX&start=2026-05-08&days=1`, 400, 'UnknownMember'],
    [`/territories/${equatorial}/revisit?members=EU&start=2026-05-08&days=1`, 400, 'UnknownMember'],
    [`/territories/${equatorial}/revisit?start=2026-05-08&days=61`, 400, 'WindowTooLong'],
    [`/territories/${equatorial}/revisit?start=2026-05-08&days=1&grid_km=0.5`, 400, 'TooManyGridPoints'],
    ['/territories/KZ/revisit?start=2026-05-08&days=60&allow_stale=true', 400, 'WorkTooLarge'],
    [`/territories/${equatorial}/revisit`, 400, 'StaleTle'],
    [`/territories/${equatorial}/passes?start=05/08/2026`, 400, 'InvalidDatetime'],
    [`/territories/${equatorial}/revisit?start=2026-05-08&days=0`, 400, 'InvalidParameter'],
    [`/territories/${equatorial}/revisit?satellites=sentinel&start=2026-05-08&days=1`, 400, 'InvalidParameter'],
    [`/territories/${equatorial}/revisit?colour=red`, 400, 'InvalidParameter'],
  ];
  for (const [url, status, code] of cases) {
    const response = await app.inject({ url });
    t.equal(response.statusCode, status, url);
    t.equal(response.json().code, code, url);
  }
  const work = (await app.inject({ url: '/territories/KZ/revisit?start=2026-05-08&days=60&allow_stale=true' })).json();
  t.match(work, { cap: 3_000_000, description: /EOPOOL_REVISIT_WORK_MAX/ }, 'the cap is named');
  const stale = (await app.inject({ url: `/territories/${equatorial}/revisit` })).json();
  t.match(stale, { limit_days: 45, description: /allow_stale=true/ });
  t.ok(stale.satellites.length > 30, 'every stale satellite is listed in the details');
});

t.test('allow_stale=true computes with stale TLEs and says so', async (t) => {
  const response = await app.inject({ url: `/territories/${equatorial}/revisit?satellites=40697&days=1&allow_stale=true` });
  t.equal(response.statusCode, 200);
  t.match(response.json().warnings, [/stale TLEs/]);
});

t.test('/health answers at once while a large computation runs in a worker thread', async (t) => {
  let finished = false;
  const big = app.inject({ url: '/territories/RU/revisit?start=2026-05-08&days=30' }).then((r) => {
    finished = true;
    return r;
  });
  const latenciesMs: number[] = [];
  let whileRunning = 0;
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    const health = await app.inject({ url: '/health' });
    latenciesMs.push(performance.now() - started);
    t.equal(health.statusCode, 200);
    if (!finished) whileRunning++;
  }
  const response = await big;
  t.equal(response.statusCode, 200);
  t.ok(response.json().grid.points > 1000);
  t.ok(whileRunning >= 5, `${whileRunning} of 10 health checks answered while Russia was being computed`);
  const worst = Math.max(...latenciesMs);
  t.ok(worst < 250, `health latencies ${latenciesMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
});
