import t from 'tap';
import { revisitStatistics } from '../../../src/revisit/core/revisit-statistics.js';

const H = 3_600_000;

t.test('statistics of a hand-made example', async (t) => {
  // Point 0: visits at 0, 10, 40 h (gaps 10, 30: mean 20, median 20, max 30).
  // Point 1: visits at 5, 11, 17, 41 h (gaps 6, 6, 24: mean 12, median 6, max 24).
  // Point 2: one visit; point 3: none.
  const stats = revisitStatistics(
    [[0, 10 * H, 40 * H], [5 * H, 11 * H, 17 * H, 41 * H], [7 * H], []],
    [40 * H, 0, 5 * H, 17 * H, 10 * H],
  );
  t.same(stats, {
    covered_fraction: 0.75,
    visits_per_point: 8 / 4,
    points_with_revisit: 2,
    mean_revisit_hours: (20 + 12) / 2,
    median_revisit_hours: (20 + 6) / 2,
    mean_max_gap_hours: (30 + 24) / 2,
    worst_max_gap_hours: 30,
    // Events sorted: 0, 5, 10, 17, 40 h: gaps 5, 5, 7, 23.
    any_point: { events: 5, mean_gap_hours: 10, median_gap_hours: 6, max_gap_hours: 23 },
  });
});

t.test('no revisit: hour figures are null', async (t) => {
  const stats = revisitStatistics([[H], []], [H]);
  t.equal(stats.points_with_revisit, 0);
  t.equal(stats.mean_revisit_hours, null);
  t.equal(stats.worst_max_gap_hours, null);
  t.same(stats.any_point, { events: 1, mean_gap_hours: null, median_gap_hours: null, max_gap_hours: null });
  t.equal(revisitStatistics([[]], []).covered_fraction, 0);
});

t.test('bad input', async (t) => {
  t.throws(() => revisitStatistics([], []), RangeError);
  t.throws(() => revisitStatistics([[2 * H, H]], []), RangeError);
});
