import t from 'tap';
import { readItems } from '../helpers/stac-fixtures.js';
import { exampleCollection } from '../helpers/stac-fixtures.js';
import { createTestApp } from '../helpers/test-app.js';
import { startProxy, startRemoteEopool } from '../ingest/harvest/harvest-fixtures.js';

const remote = await startRemoteEopool(t);
await remote.seed('pgstac-testdata', 'pgstac-test-collection', readItems('pgstac-testdata'));
const { app, auth, admin } = await createTestApp(t, { EOPOOL_ALLOWED_HOSTS: '127.0.0.1' });
const kz = await auth('member', 'KZ');
const uz = await auth('member', 'UZ');
const reader = await auth('reader', 'KZ');
const body = (extra: Record<string, unknown> = {}) => ({
  member: 'KZ',
  url: remote.url,
  collections: { 'pgstac-test-collection': 'kz-harvested' },
  ...extra,
});

async function waitForRun(sourceId: string, runId: string) {
  for (let i = 0; i < 300; i++) {
    const runs = (await app.inject({ url: `/harvest-sources/${sourceId}/runs` })).json().runs as any[];
    const run = runs.find((r) => r.id === runId);
    if (run !== undefined && run.state !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not end`);
}

t.test('POST /harvest-sources: the member itself or an admin registers a source and gets its id', async (t) => {
  const created = await app.inject({ method: 'POST', url: '/harvest-sources', headers: kz, payload: body({ schedule: '0 */6 * * *' }) });
  t.equal(created.statusCode, 201, created.body);
  const source = created.json();
  t.match(source, { id: /^[0-9a-f]{16}$/, member: 'KZ', url: remote.url, schedule: '0 */6 * * *', cursor: null, position: null, runningRun: null, overlapSeconds: 300 });
  t.equal(created.headers.location, `http://localhost:80/harvest-sources/${source.id}`);
  const byAdmin = await app.inject({ method: 'POST', url: '/harvest-sources', headers: admin, payload: body({ member: 'UZ', collections: { a: 'uz-a' } }) });
  t.equal(byAdmin.statusCode, 201);
  t.equal((await app.inject({ url: `/harvest-sources/${source.id}` })).json().id, source.id);
  const listed = (await app.inject({ url: '/harvest-sources?member=KZ' })).json().sources;
  t.ok(listed.some((s: { id: string }) => s.id === source.id) && listed.every((s: { member: string }) => s.member === 'KZ'));
});

t.test('POST /harvest-sources refuses other members, readers, bad bodies, schedules, filters and hosts', async (t) => {
  const post = (headers: Record<string, string>, payload: unknown) => app.inject({ method: 'POST', url: '/harvest-sources', headers, payload: payload as object });
  t.equal((await post(uz, body())).statusCode, 403, 'UZ for KZ');
  t.equal((await post(reader, body())).statusCode, 403, 'a reader');
  t.equal((await app.inject({ method: 'POST', url: '/harvest-sources', payload: body() })).statusCode, 401);
  const unknown = await post(kz, body({ colour: 'red' }));
  t.match(unknown.json(), { code: 'InvalidParameter', description: /unknown field "colour"/ });
  t.match((await post(kz, body({ schedule: 'every hour' }))).json(), { code: 'InvalidSchedule' });
  t.match((await post(kz, body({ filter: { op: 'like?', args: [] } }))).json(), { code: /Cql2|Invalid/ });
  t.match((await post(kz, body({ url: 'http://10.1.2.3/stac' }))).json(), { code: 'OutboundNotAllowed' });
  t.match((await post(kz, body({ url: 'file:///etc/passwd' }))).json(), { code: 'OutboundNotAllowed' });
  t.equal((await post(kz, body({ collections: {} }))).statusCode, 400);
  await app.inject({ method: 'POST', url: '/collections', headers: uz, payload: exampleCollection('uz-owned') });
  const foreign = await post(kz, body({ collections: { 'pgstac-test-collection': 'uz-owned' } }));
  t.equal(foreign.statusCode, 403, 'a local collection of another member');
});

t.test('POST /harvest-sources/{id}/run answers at once with the run, which goes on in the background', async (t) => {
  const source = (await app.inject({ method: 'POST', url: '/harvest-sources', headers: kz, payload: body({ collections: { 'pgstac-test-collection': 'kz-run' } }) })).json();
  t.equal((await app.inject({ method: 'POST', url: `/harvest-sources/${source.id}/run`, headers: uz })).statusCode, 403);
  const started = await app.inject({ method: 'POST', url: `/harvest-sources/${source.id}/run`, headers: kz });
  t.equal(started.statusCode, 202, started.body);
  const runId = started.json().id;
  t.match(started.json(), { id: /^\d+$/, source: source.id, state: 'running' });
  const run = await waitForRun(source.id, runId);
  t.match(run, { state: 'succeeded', trigger: 'manual', fetched: 100, stored: 100, unchanged: 0, rejected: 0, error: null });
  t.ok(run.seconds > 0 && run.itemsPerSecond > 0, 'duration and rate');
  const items = (await app.inject({ url: '/collections/kz-run/items?limit=1' })).json();
  t.equal(items.numberMatched, 100);
  const jobs = (await app.inject({ url: `/jobs?job=${encodeURIComponent(`harvest:${source.id}`)}` })).json().runs;
  t.equal(jobs[0].id, runId, 'recorded in /jobs');
  t.equal((await app.inject({ url: `/harvest-sources/${source.id}/rejected` })).json().rejected.length, 0);
});

t.test('a second run of a source whose run is still going is a 409', async (t) => {
  const proxy = await startProxy(t, remote.url, { delayMs: ({ path }) => (path.startsWith('/search') ? 1000 : 0) });
  const source = (await app.inject({ method: 'POST', url: '/harvest-sources', headers: kz, payload: body({ url: proxy.url, collections: { 'pgstac-test-collection': 'kz-slow' } }) })).json();
  const first = await app.inject({ method: 'POST', url: `/harvest-sources/${source.id}/run`, headers: kz });
  t.equal(first.statusCode, 202);
  const second = await app.inject({ method: 'POST', url: `/harvest-sources/${source.id}/run`, headers: kz });
  t.equal(second.statusCode, 409);
  t.match(second.json(), { code: 'HarvestRunning', run: first.json().id });
  t.equal((await app.inject({ url: `/harvest-sources/${source.id}` })).json().runningRun, first.json().id);
  t.match(await waitForRun(source.id, first.json().id), { state: 'succeeded' });
});

t.test('DELETE /harvest-sources/{id}: the member or an admin; then it is gone', async (t) => {
  const source = (await app.inject({ method: 'POST', url: '/harvest-sources', headers: kz, payload: body() })).json();
  t.equal((await app.inject({ method: 'DELETE', url: `/harvest-sources/${source.id}`, headers: uz })).statusCode, 403);
  t.equal((await app.inject({ method: 'DELETE', url: `/harvest-sources/${source.id}`, headers: kz })).statusCode, 204);
  t.match((await app.inject({ url: `/harvest-sources/${source.id}` })).json(), { code: 'HarvestSourceNotFound' });
  t.equal((await app.inject({ method: 'POST', url: `/harvest-sources/${source.id}/run`, headers: kz })).statusCode, 404);
  t.equal((await app.inject({ url: `/harvest-sources/${source.id}/runs` })).statusCode, 404);
});
