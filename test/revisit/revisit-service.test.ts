/**
 * Stored windows: the nightly refresh computes each territory's pool window and the API answers
 * from it at once while its inputs are unchanged. The seeded TLEs date from 2026-05-07, so a window
 * from 2026-05-08 is computed and one from the real "now" (later than 45 days after) is skipped.
 */
import t from 'tap';
import { createRevisitService } from '../../src/revisit/index.js';
import { listJobRuns, runJobOnce } from '../../src/scheduler/index.js';
import { createTestApp } from '../helpers/test-app.js';

const { app, admin, database, config } = await createTestApp(t);
const { db } = database;
const quiet = { info: () => undefined, error: () => undefined };
const service = createRevisitService({ db, limits: config.limits, clock: () => new Date('2026-05-08T10:00:00Z'), logger: quiet, background: false });
t.teardown(() => service.close());

const square = (west: number, south: number, size: number) => ({
  type: 'Polygon',
  coordinates: [[[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]],
});
const territory = (
  await app.inject({ method: 'POST', url: '/territories', headers: admin, payload: { name: 'Balkhash', kind: 'resource', geometry: square(73.5, 45.5, 1.5) } })
).json().id as string;
const dayStart = new Date('2026-05-08T00:00:00Z');

t.test('a refresh stores the pool window of a territory; a second one keeps it', async (t) => {
  const counts = await service.refreshStoredWindows({ dayStart, territories: [territory] });
  t.match(counts, { window_start: '2026-05-08T00:00:00.000Z', days: 14, satellites: 36, territories: 1, unchanged: 0 });
  t.ok((counts.passes as number) > 50, `${String(counts.passes)} passes stored`);
  const again = await service.refreshStoredWindows({ dayStart, territories: [territory] });
  t.match(again, { territories: 0, unchanged: 1 });
});

t.test('GET /revisit and /passes answer from the stored window when the request matches it', async (t) => {
  const stored = (await app.inject({ url: `/territories/${territory}/revisit?start=2026-05-08` })).json();
  t.match(stored, { source: 'stored', start: '2026-05-08T00:00:00.000Z', end: '2026-05-22T00:00:00.000Z', days: 14, territory });
  t.ok(stored.pool.visits_per_point > 5);
  t.same(Object.keys(stored.members), ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ']);
  t.equal(stored.members.BY, null, 'a member without satellites');

  const other = (await app.inject({ url: `/territories/${territory}/revisit?start=2026-05-08&days=13` })).json();
  t.equal(other.source, 'computed', 'another window is computed');

  const points = (await app.inject({ url: `/territories/${territory}/revisit?start=2026-05-08&format=geojson` })).json();
  t.match(points, { type: 'FeatureCollection', source: 'stored' });
  t.equal(points.features.length, stored.grid.points);

  const passes = (await app.inject({ url: `/territories/${territory}/passes?start=2026-05-10T06:00:00Z&days=1&members=KZ,RU` })).json();
  t.equal(passes.source, 'stored', 'a part of the stored window, some members');
  t.ok(passes.passes.length > 0);
  t.ok(passes.passes.every((p: any) => ['KZ', 'RU'].includes(p.member) && p.end >= '2026-05-10T06:00' && p.start <= '2026-05-11T06:00'));
  const computedPasses = (await app.inject({ url: `/territories/${territory}/passes?start=2026-05-10T06:00:00Z&days=1&members=KZ,RU&mode=agile` })).json();
  t.equal(computedPasses.source, 'computed', 'another mode is computed');
});

t.test('a changed territory or TLE makes the stored window out of date', async (t) => {
  await app.inject({ method: 'PUT', url: `/territories/${territory}`, headers: admin, payload: { name: 'Balkhash', kind: 'resource', geometry: square(73.5, 45.5, 1.4) } });
  const afterEdit = (await app.inject({ url: `/territories/${territory}/revisit?start=2026-05-08` })).json();
  t.equal(afterEdit.source, 'computed');
  const counts = await service.refreshStoredWindows({ dayStart, territories: [territory] });
  t.match(counts, { territories: 1 });
  t.equal((await app.inject({ url: `/territories/${territory}/revisit?start=2026-05-08` })).json().source, 'stored');
});

t.test('a refresh with stale TLEs is skipped and says so, in the job runs', async (t) => {
  const run = await runJobOnce(db, 'revisit-nightly', '2026-11-29T02:00:00.000Z', () =>
    service.refreshStoredWindows({ dayStart: new Date('2026-11-29T00:00:00Z') }),
  );
  t.equal(run?.state, 'skipped');
  t.match(run?.counts, { skipped: /^stale TLEs: 36 of 36 pool satellites .* load fresh TLEs/, window_start: '2026-11-29T00:00:00.000Z' });
  const [listed] = await listJobRuns(db, { job: 'revisit-nightly', limit: 1 });
  t.match(listed, { state: 'skipped', counts: { skipped: /stale TLEs/ } });
  const jobs = (await app.inject({ url: '/jobs?job=revisit-nightly' })).json();
  t.equal(jobs.runs[0].state, 'skipped');
});

t.test('deleting a territory deletes its stored windows and passes', async (t) => {
  t.equal((await app.inject({ method: 'DELETE', url: `/territories/${territory}`, headers: admin })).statusCode, 204);
  const runs = await db.selectFrom('revisit_runs').select('id').where('territory', '=', territory).execute();
  const passes = await db.selectFrom('passes').select('norad_id').where('territory', '=', territory).execute();
  t.same([runs.length, passes.length], [0, 0]);
});
