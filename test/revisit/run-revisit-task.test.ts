import { readFileSync } from 'node:fs';
import t from 'tap';
import type { RevisitSatellite } from '../../src/revisit/core/index.js';
import { runRevisitTask, type RevisitTask } from '../../src/revisit/run-revisit-task.js';

const catalogue = JSON.parse(readFileSync(new URL('../../fixtures/satellites.json', import.meta.url), 'utf8')) as {
  satellites: RevisitSatellite[];
};
const pool = catalogue.satellites.filter((s) => ['KZ', 'RU', 'PK'].includes(String(s.member)));

const task = (overrides: Partial<RevisitTask> = {}): RevisitTask => ({
  territory: { type: 'Polygon', coordinates: [[[70, 45], [71, 45], [71, 46], [70, 46], [70, 45]]] },
  satellites: pool,
  windowStartMs: Date.UTC(2026, 4, 8),
  days: 3,
  mode: 'nadir',
  gridKm: 5,
  sunElevationMinDeg: 10,
  memberCodes: ['KZ', 'PK', 'RU', 'UZ'],
  maxGridPoints: 20_000,
  workMax: 5_000_000,
  ...overrides,
});

const result = runRevisitTask(task());

t.test('one computation gives the pool, each member, the gains, the passes and each point', async (t) => {
  t.equal(result.satellites.length, pool.length);
  t.same(Object.keys(result.members), ['KZ', 'PK', 'RU', 'UZ']);
  t.equal(result.members.UZ, null);
  t.equal(result.pooling_gain.UZ, null);
  for (const code of ['KZ', 'PK', 'RU']) {
    const member = result.members[code]!;
    const gain = result.pooling_gain[code];
    t.ok(member.visits_per_point <= result.pool.visits_per_point, `${code} alone sees no more than the pool`);
    if (gain !== null && gain !== undefined) t.ok(Math.abs(gain - result.pool.visits_per_point / member.visits_per_point) < 1e-12);
  }
  const meanVisits = result.points.reduce((sum, p) => sum + p.visits, 0) / result.points.length;
  t.ok(Math.abs(meanVisits - result.pool.visits_per_point) < 1e-9, 'the points add up to the pool');
  t.equal(result.points.length, result.grid.points);
  t.ok(result.passes.length > 0 && result.passes.every((p) => p.share > 0 && p.share <= 1));
  t.equal(result.start, '2026-05-08T00:00:00.000Z');
  t.equal(result.end, '2026-05-11T00:00:00.000Z');
});

t.test('the size is checked before any propagation', async (t) => {
  t.throws(() => runRevisitTask(task({ workMax: 1000 })), { code: 'WorkTooLarge', details: { cap: 1000 } });
  t.throws(() => runRevisitTask(task({ maxGridPoints: 100 })), { code: 'TooManyGridPoints' });
  // A thin band: few points on a fine grid, but a huge bounding box to scan.
  const band = { type: 'Polygon' as const, coordinates: [[[0, 0], [60, 59.9], [60, 60], [0, 0.1], [0, 0]]] };
  t.throws(() => runRevisitTask(task({ territory: band, gridKm: 0.5, maxGridPoints: 20_000 })), { code: 'TooManyGridPoints' });
});
