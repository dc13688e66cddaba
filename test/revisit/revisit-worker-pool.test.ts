import { readFileSync } from 'node:fs';
import t from 'tap';
import { InvalidRequestError, UnavailableError } from '../../src/errors.js';
import type { RevisitSatellite } from '../../src/revisit/core/index.js';
import { createRevisitWorkerPool } from '../../src/revisit/index.js';
import type { RevisitTask } from '../../src/revisit/run-revisit-task.js';

const catalogue = JSON.parse(readFileSync(new URL('../../fixtures/satellites.json', import.meta.url), 'utf8')) as {
  satellites: RevisitSatellite[];
};
const kazeosats = catalogue.satellites.filter((s) => s.member === 'KZ');

const task = (overrides: Partial<RevisitTask> = {}): RevisitTask => ({
  territory: { type: 'Polygon', coordinates: [[[70, 45], [71, 45], [71, 46], [70, 46], [70, 45]]] },
  satellites: kazeosats,
  windowStartMs: Date.UTC(2026, 4, 8),
  days: 2,
  mode: 'nadir',
  gridKm: null,
  sunElevationMinDeg: 10,
  memberCodes: ['KZ'],
  maxGridPoints: 20_000,
  workMax: 5_000_000,
  ...overrides,
});

const pool = createRevisitWorkerPool({ size: 1 });
t.teardown(() => pool.close());

t.test('tasks queue on a busy thread and all complete, off the main thread', async (t) => {
  const results = await Promise.all([pool.run(task()), pool.run(task({ days: 1 })), pool.run(task({ memberCodes: ['KZ', 'BY'] }))]);
  t.same(results.map((r) => r.satellites.length), [2, 2, 2]);
  t.equal(results[2]?.members.BY, null);
  t.ok(results[0]!.grid.points > 1000);
});

t.test("eopool's errors cross the thread boundary with their class, code and details", async (t) => {
  const error = await pool.run(task({ gridKm: 0.2 })).catch((e: unknown) => e);
  t.ok(error instanceof InvalidRequestError);
  t.match(error, { code: 'TooManyGridPoints', details: { cap: 20_000 } });
  const tooWide = task({ territory: { type: 'Polygon', coordinates: [[[-80, -60], [0, -60], [80, -60], [80, 60], [0, 60], [-80, 60], [-80, -60]]] } });
  const range = await pool.run(tooWide).catch((e: unknown) => e);
  t.ok(range instanceof RangeError, 'a territory the core cannot compute');
  t.match(await pool.run(task()), { satellites: [{}, {}] }, 'the thread goes on after an error');
});

t.test('closing the pool fails running and queued tasks, and later ones', async (t) => {
  const other = createRevisitWorkerPool({ size: 1 });
  const outcomes = Promise.allSettled([other.run(task({ days: 30 })), other.run(task())]);
  await other.close();
  for (const outcome of [...(await outcomes), ...(await Promise.allSettled([other.run(task())]))]) {
    t.equal(outcome.status, 'rejected');
    if (outcome.status === 'rejected') {
      t.ok(outcome.reason instanceof UnavailableError);
      t.equal(outcome.reason.code, 'ShuttingDown');
    }
  }
});
