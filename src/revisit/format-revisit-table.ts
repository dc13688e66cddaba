import type { RevisitStatistics } from './core/index.js';
import type { RevisitAnswer } from './revisit-service.js';

const hours = (value: number | null): string => (value === null ? '-' : value.toFixed(1));

/**
 * A revisit answer as the text `eopool revisit` prints: a heading with the window and grid, one
 * table row for the pool and each member (satellites, coverage, visits per point, mean and median
 * revisit, mean and worst largest gap in hours, pooling gain), then skipped satellites and warnings.
 */
export function formatRevisitTable(answer: RevisitAnswer): string {
  const header = ['scope', 'satellites', 'covered %', 'visits/point', 'mean revisit h', 'median revisit h', 'mean max gap h', 'worst gap h', 'pooling gain'];
  const row = (scope: string, satellites: number, stats: RevisitStatistics | null, gain: string): string[] =>
    stats === null
      ? [scope, String(satellites), '-', '-', '-', '-', '-', '-', gain]
      : [
          scope,
          String(satellites),
          (stats.covered_fraction * 100).toFixed(1),
          stats.visits_per_point.toFixed(2),
          hours(stats.mean_revisit_hours),
          hours(stats.median_revisit_hours),
          hours(stats.mean_max_gap_hours),
          hours(stats.worst_max_gap_hours),
          gain,
        ];
  const rows = [
    row('pool', answer.satellites.length, answer.pool, ''),
    ...Object.entries(answer.members).map(([code, stats]) => {
      const gain = answer.pooling_gain[code];
      return row(code, answer.satellites.filter((s) => s.member === code).length, stats, gain === null || gain === undefined ? '-' : `x${gain.toFixed(2)}`);
    }),
  ];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  const lines = [
    `${answer.territory} ${answer.name}: ${answer.start} .. ${answer.end} (${answer.days} days), ${answer.mode}, ` +
      `Sun >= ${answer.sun_elevation_min_deg} deg for optical, grid ${answer.grid.spacing_km} km (${answer.grid.points} points), ` +
      `${answer.source}${answer.source === 'computed' ? ` in ${answer.seconds.toFixed(1)} s` : ` at ${answer.computed_at}`}`,
    line(header),
    `|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
  ];
  for (const s of answer.skipped) lines.push(`skipped: ${s.name} (${s.norad_id}): ${s.reason}`);
  for (const w of answer.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
