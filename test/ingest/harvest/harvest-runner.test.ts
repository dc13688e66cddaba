import t from 'tap';
import { createHarvestSource, getHarvestSource, type HarvestCounts, scheduleHarvests } from '../../../src/ingest/harvest/index.js';
import { createScheduler, getJobRun, listJobRuns } from '../../../src/scheduler/index.js';
import { readItems } from '../../helpers/stac-fixtures.js';
import { createTestApp } from '../../helpers/test-app.js';
import { quiet, runnerFor, startProxy, startRemoteEopool, storedIds } from './harvest-fixtures.js';

const ADMIN = { keyId: 'test', member: null, role: 'admin' } as const;
const remote = await startRemoteEopool(t);
const items = readItems('pgstac-testdata');
await remote.seed('pgstac-testdata', 'pgstac-test-collection', items);
const local = await createTestApp(t, { EOPOOL_ALLOWED_HOSTS: '127.0.0.1' });
const { db } = local.services;
const allIds = items.map((i) => String(i.id)).sort();
await new Promise((resolve) => setTimeout(resolve, 1100));

async function source(url: string, collection: string) {
  return createHarvestSource(
    db,
    { member: 'KZ', url, collections: { 'pgstac-test-collection': collection }, overlapSeconds: 0 },
    { principal: ADMIN, allowedHosts: ['127.0.0.1'] },
  );
}

/** A hook that stops the run after `pages` committed pages as a dying process would: it never goes on. */
function dieAfter(pages: number) {
  let died: () => void;
  const dead = new Promise<void>((resolve) => (died = resolve));
  return {
    dead,
    afterPage: async (counts: HarvestCounts) => {
      if (counts.pages < pages) return;
      died();
      await new Promise(() => undefined);
    },
  };
}

t.test('a run killed in the middle is resumed by the next run: no item lost, none duplicated, the cursor moved only at the end', async (t) => {
  const created = await source(remote.url, 'kz-resume');
  const dying = runnerFor(t, local, { pageSize: 10 });
  const crash = dieAfter(3);
  const killed = await dying.start(created.id, crash);
  await crash.dead;
  t.equal((await storedIds(local, 'kz-resume')).length, 30, 'the three committed pages are stored');
  const held = await getHarvestSource(db, created.id);
  t.equal(held.cursor, null, 'the cursor did not move');
  t.equal(held.position?.mode, 'incremental');
  t.equal(held.runningRun, killed);

  const other = runnerFor(t, local, { pageSize: 10 });
  await t.rejects(other.start(created.id), { code: 'HarvestRunning' }, 'a live-looking run holds the source');

  // Another process, after the dead run's heartbeat went stale:
  const next = runnerFor(t, local, { pageSize: 10, staleAfterMs: 0 });
  const resumed = await next.run(created.id);
  t.equal(resumed.state, 'succeeded', resumed.error ?? '');
  t.match(resumed.counts, { resumed: true, fetched: 70, stored: 70, completed: true });
  t.same(await storedIds(local, 'kz-resume'), allIds, 'every item once');
  t.match(await getJobRun(db, killed), { state: 'failed', error: /interrupted/ });
  const done = await getHarvestSource(db, created.id);
  t.equal(done.position, null);
  t.ok(done.cursor !== null, 'the cursor moved at the end');

  // An incremental run killed after its first page leaves the cursor where it was.
  const added = items.slice(0, 25).map((item) => ({ ...item, id: `${String(item.id)}-more` }));
  await remote.add('pgstac-test-collection', added);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const again = dieAfter(1);
  await runnerFor(t, local, { pageSize: 10 }).start(created.id, again);
  await again.dead;
  t.equal((await getHarvestSource(db, created.id)).cursor, done.cursor, 'the cursor waits for the end');
  const finished = await runnerFor(t, local, { pageSize: 10, staleAfterMs: 0 }).run(created.id);
  t.match(finished.counts, { resumed: true, fetched: 15, stored: 15 });
  t.equal((await storedIds(local, 'kz-resume')).length, 125);
  t.ok(Date.parse((await getHarvestSource(db, created.id)).cursor!) > Date.parse(done.cursor!));
});

t.test('503 and 429 answers are retried, the latter after its Retry-After', async (t) => {
  let pageAnswers = 0;
  const proxy = await startProxy(t, remote.url, {
    fail: ({ path }) => {
      if (!path.startsWith('/search')) return null;
      pageAnswers++;
      if (pageAnswers <= 2) return { status: 503 };
      if (pageAnswers === 3) return { status: 429, headers: { 'retry-after': '1' } };
      return null;
    },
  });
  const created = await source(proxy.url, 'kz-retried');
  const runner = runnerFor(t, local, { pageSize: 50 });
  const started = Date.now();
  const run = await runner.run(created.id);
  t.equal(run.state, 'succeeded', run.error ?? '');
  t.match(run.counts, { fetched: 125, stored: 125 });
  t.ok(Date.now() - started >= 1000, 'waited for Retry-After');
  t.equal(proxy.requests.filter((r) => r.startsWith('POST /search')).length, 3 + 3, 'three failures, then three pages');
});

t.test('a remote that keeps failing makes the run give up after its retry budget, failed with its position kept', async (t) => {
  let healthy = false;
  let pages = 0;
  const proxy = await startProxy(t, remote.url, {
    fail: ({ path }) => (path.startsWith('/search') && !healthy && ++pages > 2 ? { status: 503 } : null),
  });
  const created = await source(proxy.url, 'kz-gives-up');
  const runner = runnerFor(t, local, { pageSize: 20, retry: { giveUpAfterMs: 800, baseDelayMs: 50, maxDelayMs: 200 } });
  const failed = await runner.run(created.id);
  t.equal(failed.state, 'failed');
  t.match(failed.error, /gave up after \d+ attempts/);
  t.match(failed.counts, {}, 'recorded');
  const kept = await getHarvestSource(db, created.id);
  t.ok(kept.position !== null, 'the position is kept');
  t.equal(kept.cursor, null);
  t.equal(kept.runningRun, null, 'the source is free again');
  t.equal((await storedIds(local, 'kz-gives-up')).length, 40);
  healthy = true;
  const resumed = await runner.run(created.id);
  t.equal(resumed.state, 'succeeded', resumed.error ?? '');
  t.match(resumed.counts, { resumed: true, fetched: 85 });
  t.equal((await storedIds(local, 'kz-gives-up')).length, 125);
});

t.test('a request that times out is tried again', async (t) => {
  let slow = true;
  const proxy = await startProxy(t, remote.url, {
    delayMs: ({ path }) => {
      if (!path.startsWith('/search') || !slow) return 0;
      slow = false;
      return 1500;
    },
  });
  const created = await source(proxy.url, 'kz-timeout');
  const run = await runnerFor(t, local, { timeoutMs: 500 }).run(created.id);
  t.equal(run.state, 'succeeded', run.error ?? '');
  t.equal(run.counts.fetched, 125);
});

t.test('scheduled runs: one replica per slot, and a slot whose source is still running is skipped', async (t) => {
  const proxy = await startProxy(t, remote.url, { delayMs: ({ path }) => (path.startsWith('/search') ? 700 : 0) });
  const created = await createHarvestSource(
    db,
    { member: 'KZ', url: proxy.url, collections: { 'pgstac-test-collection': 'kz-scheduled' }, schedule: '* * * * * *', overlapSeconds: 0 },
    { principal: ADMIN, allowedHosts: ['127.0.0.1'] },
  );
  const replicas = [0, 1].map(() => {
    const scheduler = createScheduler(db, quiet);
    const runner = runnerFor(t, local, { pageSize: 50 });
    const schedules = scheduleHarvests(db, scheduler, runner, { logger: quiet });
    return { scheduler, runner, schedules };
  });
  await Promise.all(replicas.map((r) => r.schedules.sync()));
  await new Promise((resolve) => setTimeout(resolve, 4500));
  for (const r of replicas) {
    r.schedules.stop();
    await r.scheduler.stop();
  }
  await Promise.all(replicas.map((r) => r.runner.close()));
  const runs = await listJobRuns(db, { job: `harvest:${created.id}`, limit: 100 });
  t.ok(runs.length >= 3, `${runs.length} slots claimed`);
  t.equal(new Set(runs.map((r) => r.slot)).size, runs.length, 'each slot once');
  t.ok(runs.some((r) => r.state === 'succeeded'), 'a run completed');
  t.ok(runs.some((r) => r.state === 'skipped' && /still going/.test(String(r.counts.skipped))), 'a slot was skipped while a run was going');
  t.same(await storedIds(local, 'kz-scheduled'), (await storedIds(local, 'kz-resume')), 'everything harvested');
});
