/**
 * Revisit benchmark: the SCO pool over each member's territory and one emergency polygon, 30 days,
 * default grid, nadir mode, Sun >= 10 deg, on one core (this process, no workers).
 *
 * Run: node --import tsx bench/revisit.ts [days]
 * Prints one table: territory, grid points, satellites, wall and CPU seconds, SGP4 propagations per
 * CPU second. CPU time is the figure to compare on a shared machine: wall time grows with whatever
 * else runs on the cores.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { computeAccesses, scopeStatistics, type RevisitSatellite, type TerritoryGeometry } from '../src/revisit/core/index.js';

const SCO_MEMBERS = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];

interface FixtureSatellite extends RevisitSatellite {
  tle: [string, string];
}

const fixtures = new URL('../fixtures/', import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL('satellites.json', fixtures), 'utf8')) as { satellites: FixtureSatellite[] };
const members = JSON.parse(readFileSync(new URL('sco-members.geojson', fixtures), 'utf8')) as {
  features: { properties: { iso_a2: string; name: string }; geometry: TerritoryGeometry }[];
};
const pool = catalogue.satellites.filter((s) => s.member !== null && SCO_MEMBERS.includes(s.member) && s.swath_km > 0);
const days = Number(process.argv[2] ?? 30);
// The fixture's TLEs date from 2026-05-06/07; start the window the next day, as a live run would.
const windowStart = Date.parse('2026-05-08T00:00:00Z');

// Emergency polygon: a 500 km x 500 km square on Pakistan's Indus basin (Sindh and southern Punjab),
// centred at 27.5 N 69.0 E; 250 km = 2.248 deg of latitude, 2.535 deg of longitude at 27.5 N.
const indus: TerritoryGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [66.465, 25.252],
      [71.535, 25.252],
      [71.535, 29.748],
      [66.465, 29.748],
      [66.465, 25.252],
    ],
  ],
};

const territories: { name: string; geometry: TerritoryGeometry }[] = [
  ...members.features.map((f) => ({ name: `${f.properties.iso_a2} ${f.properties.name}`, geometry: f.geometry })),
  { name: 'Indus 500x500 km (emergency)', geometry: indus },
];

// Warm-up so the first row does not pay for JIT compilation.
computeAccesses({ territory: indus, satellites: pool.slice(0, 4), windowStart, days: 2 });

const rows: string[][] = [];
for (const territory of territories) {
  const cpuStart = process.cpuUsage();
  const started = process.hrtime.bigint();
  const accessSet = computeAccesses({ territory: territory.geometry, satellites: pool, windowStart, days });
  const stats = scopeStatistics(
    accessSet,
    accessSet.satellites.map((_, i) => i),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  rows.push([
    territory.name,
    String(accessSet.points.length),
    String(accessSet.gridKm),
    String(pool.length),
    seconds.toFixed(2),
    cpuSeconds.toFixed(2),
    accessSet.propagations.toLocaleString('en-US'),
    Math.round(accessSet.propagations / cpuSeconds).toLocaleString('en-US'),
    (stats.mean_revisit_hours ?? NaN).toFixed(1),
  ]);
}

const header = ['territory', 'points', 'grid km', 'satellites', 'seconds', 'CPU s', 'SGP4 props', 'props/CPU s', 'pool mean revisit h'];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
const line = (cells: string[]): string => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
console.log(
  `revisit bench: SCO pool (${pool.length} satellites with a swath), ${days} days from ${new Date(windowStart).toISOString()}, ` +
    `nadir, sun >= 10 deg, default grid; Node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} (${availableParallelism()} cores, 1 used)`,
);
console.log(line(header));
console.log(`|${widths.map((w, c) => (c === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
