/**
 * The scheduled side of the stored windows: the nightly job's registration, and the background
 * refresh a serving process (one with a scheduler) runs after territories or TLEs change.
 */
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createServices } from '../../src/create-services.js';
import { REVISIT_NIGHTLY_CRON, REVISIT_NIGHTLY_JOB, scheduleRevisitRefresh, type RevisitService } from '../../src/revisit/index.js';
import type { Scheduler } from '../../src/scheduler/index.js';
import { ADMIN_KEY, createTestDatabase } from '../helpers/test-app.js';

t.test('the nightly job runs at 02:00 UTC over the window from 00:00 UTC of its day', async (t) => {
  const registered: { job: string; expression: string; work: (slot: Date) => Promise<Record<string, unknown>> }[] = [];
  const cancelled: string[] = [];
  const scheduler: Scheduler = {
    every: (job, expression, work) => void registered.push({ job, expression, work }),
    cancel: (job) => void cancelled.push(job),
    stop: async () => undefined,
  };
  const asked: Date[] = [];
  const service = {
    refreshStoredWindows: async ({ dayStart }: { dayStart: Date }) => {
      asked.push(dayStart);
      return { territories: 0 };
    },
  } as unknown as RevisitService;
  const stop = scheduleRevisitRefresh(scheduler, service);
  t.match(registered, [{ job: REVISIT_NIGHTLY_JOB, expression: REVISIT_NIGHTLY_CRON }]);
  t.equal(REVISIT_NIGHTLY_CRON, '0 2 * * *');
  await registered[0]?.work(new Date('2026-05-08T02:00:00Z'));
  t.same(asked, [new Date('2026-05-08T00:00:00Z')]);
  stop();
  t.same(cancelled, [REVISIT_NIGHTLY_JOB]);
});

t.test('with a scheduler, the app registers the nightly job and refreshes in the background after changes', async (t) => {
  const database = await createTestDatabase(t);
  const config = loadConfig({ EOPOOL_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'silent', EOPOOL_DEMO: '0' });
  const services = createServices(database, config, true);
  // A scheduler that records its jobs but never fires them: no other job runs during the test.
  const registered: string[] = [];
  services.scheduler = { every: (job, expression) => void registered.push(`${job} ${expression}`), cancel: () => undefined, stop: async () => undefined };
  const app = await buildApp(config, services, { logger: false });
  t.teardown(() => app.close());
  t.ok(registered.includes(`${REVISIT_NIGHTLY_JOB} ${REVISIT_NIGHTLY_CRON}`), 'the nightly job is scheduled');

  const headers = { authorization: `Bearer ${ADMIN_KEY}` };
  const geometry = { type: 'Polygon', coordinates: [[[60, 40], [61, 40], [61, 41], [60, 41], [60, 40]]] };
  for (const name of ['Amu Darya', 'Syr Darya']) {
    t.equal((await app.inject({ method: 'POST', url: '/territories', headers, payload: { name, kind: 'resource', geometry } })).statusCode, 201);
  }
  let runs: any[] = [];
  for (let i = 0; i < 60 && (runs.length === 0 || runs.some((r) => r.finished === null)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    runs = (await app.inject({ url: '/jobs?job=revisit-refresh' })).json().runs;
  }
  // Changes within a few seconds share a run; a slow machine may see two.
  t.ok(runs.length >= 1 && runs.length <= 2, `${runs.length} refresh runs`);
  // The seeded TLEs are months older than today's window: the run is skipped, with the reason.
  for (const run of runs) t.match(run, { slot: /^territory:\d{4}-\d\d-\d\dT/, state: 'skipped', counts: { skipped: /stale TLEs/ } });
});
