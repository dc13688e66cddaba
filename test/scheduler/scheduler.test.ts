import t from 'tap';
import { createScheduler, listJobRuns, runJobOnce } from '../../src/scheduler/index.js';
import { createTestApp } from '../helpers/test-app.js';

const { app, database } = await createTestApp(t);
const { db } = database;
const quiet = { info: () => undefined, error: () => undefined };

t.test('a slot runs once: the second claim of (job, slot) is refused', async (t) => {
  let runs = 0;
  const work = async () => ({ counted: ++runs });
  const first = await runJobOnce(db, 'unit-job', '2026-01-01T00:00:00.000Z', work);
  const second = await runJobOnce(db, 'unit-job', '2026-01-01T00:00:00.000Z', work);
  t.equal(runs, 1);
  t.match(first, { job: 'unit-job', state: 'succeeded', counts: { counted: 1 } });
  t.equal(second, null);
});

t.test('failures and skips are recorded with their reason', async (t) => {
  const failed = await runJobOnce(db, 'unit-job', 'failing', async () => {
    throw new Error('remote answered 500');
  });
  t.match(failed, { state: 'failed', error: 'remote answered 500' });
  const skipped = await runJobOnce(db, 'unit-job', 'stale', async () => ({ skipped: 'TLEs older than 45 days' }));
  t.equal(skipped?.state, 'skipped');
});

t.test('two replicas on one schedule: each slot runs on exactly one of them', async (t) => {
  const ranBy: string[] = [];
  const replicas = ['a', 'b'].map((name) => {
    const scheduler = createScheduler(db, quiet);
    scheduler.every('every-second', '* * * * * *', async (slot) => {
      ranBy.push(`${name}@${slot.toISOString()}`);
      return { replica: name };
    });
    return scheduler;
  });
  await new Promise((resolve) => setTimeout(resolve, 3500));
  await Promise.all(replicas.map((r) => r.stop()));
  const slots = ranBy.map((r) => r.split('@')[1]);
  t.ok(slots.length >= 2, `ran ${slots.length} slots`);
  t.equal(new Set(slots).size, slots.length, 'no slot ran twice');
  const recorded = await listJobRuns(db, { job: 'every-second', limit: 100 });
  t.equal(recorded.length, slots.length, 'every run is recorded once');
  t.ok(recorded.every((r) => r.state === 'succeeded' && r.finished !== null));
});

t.test('GET /jobs lists runs newest first, filtered by job', async (t) => {
  const response = await app.inject({ url: '/jobs?job=unit-job' });
  t.equal(response.statusCode, 200);
  const { runs } = response.json();
  t.same(runs.map((r: { slot: string }) => r.slot).sort(), ['2026-01-01T00:00:00.000Z', 'failing', 'stale']);
  t.equal((await app.inject({ url: '/jobs?limit=0' })).statusCode, 400);
});
