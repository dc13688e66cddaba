/**
 * The revisit model against the missions' published figures, with the 2024-10-05 reference TLEs
 * (fixtures/satellites.json, reference_snapshot_2024: Sentinel-2A/2B at their nominal 180 deg phasing,
 * Landsat 8/9 at their 8-day offset), window 2024-10-05T00:00Z + 30 days, nadir, Sun >= 10 deg.
 *
 * Published figures: Sentinel-2 revisits the equator every 10 days with one satellite and every 5
 * days with two (ESA, https://sentinel.esa.int/web/sentinel/missions/sentinel-2/overview); Landsat 8
 * and 9 each repeat every 16 days, together every 8 days (USGS,
 * https://www.usgs.gov/faqs/how-often-does-landsat-collect-images). Those are the largest gaps where
 * swaths do not overlap, so the median over points of the largest gap must match them; the mean
 * revisit equals them only outside the sidelap between adjacent tracks and falls below elsewhere.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { computeAccesses, type AccessSet } from '../../../src/revisit/core/compute-accesses.js';
import { groupVisits } from '../../../src/revisit/core/group-visits.js';
import type { RevisitSatellite, TerritoryGeometry } from '../../../src/revisit/core/revisit-input.js';
import { scopeStatistics } from '../../../src/revisit/core/scope-statistics.js';

t.setTimeout(600_000);

const DAY_MS = 86_400_000;
const relativeTolerance = 0.05;

const catalogue = JSON.parse(readFileSync(new URL('../../../fixtures/satellites.json', import.meta.url), 'utf8')) as {
  reference_snapshot_2024: { satellites: RevisitSatellite[] };
};
const reference = catalogue.reference_snapshot_2024.satellites;
const index = (name: string): number => reference.findIndex((s) => s.name === name);
const S2A = index('SENTINEL-2A');
const S2B = index('SENTINEL-2B');
const L8 = index('LANDSAT 8');
const L9 = index('LANDSAT 9');

/** A band one degree high along a latitude, 30 degrees of longitude long: about a dozen Sentinel-2 tracks. */
function band(southDeg: number): TerritoryGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [10, southDeg],
        [40, southDeg],
        [40, southDeg + 1],
        [10, southDeg + 1],
        [10, southDeg],
      ],
    ],
  };
}

function run(southDeg: number): AccessSet {
  return computeAccesses({ territory: band(southDeg), satellites: reference, windowStart: Date.UTC(2024, 9, 5), days: 30, gridKm: 10 });
}

/** Per grid point with at least two visits by the scope: its visit times. */
function visitsWithRevisit(accessSet: AccessSet, scope: readonly number[]): number[][] {
  return accessSet.accessTimesMs
    .map((times, p) => groupVisits(times.filter((_, k) => scope.includes(accessSet.accessSatellites[p]![k]!))))
    .filter((v) => v.length >= 2);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const maxGapDays = (v: readonly number[]): number => Math.max(...v.slice(1).map((time, i) => time - v[i]!)) / DAY_MS;
const meanGapDays = (v: readonly number[]): number => (v[v.length - 1]! - v[0]!) / (v.length - 1) / DAY_MS;

const equator = run(0);

t.test('equator: the median largest gap is the published revisit', async (t) => {
  t.ok(equator.points.length > 3000, `${equator.points.length} points on a 10 km grid`);
  for (const [name, scope, nominalDays] of [
    ['Sentinel-2A', [S2A], 10],
    ['Sentinel-2B', [S2B], 10],
    ['Sentinel-2A + 2B', [S2A, S2B], 5],
    ['Landsat 8', [L8], 16],
    ['Landsat 9', [L9], 16],
    ['Landsat 8 + 9', [L8, L9], 8],
  ] as const) {
    const points = visitsWithRevisit(equator, scope);
    const value = median(points.map(maxGapDays));
    t.ok(Math.abs(value - nominalDays) <= relativeTolerance * nominalDays, `${name}: ${value.toFixed(3)} days (published ${nominalDays})`);
  }
});

t.test('equator: the mean revisit is the published figure only where swaths do not overlap', async (t) => {
  for (const [name, scope, nominalDays, cycleDays] of [
    ['Sentinel-2A', [S2A], 10, 10],
    ['Sentinel-2A + 2B', [S2A, S2B], 5, 10],
    ['Landsat 8 + 9', [L8, L9], 8, 16],
  ] as const) {
    // A point under a single track per satellite sees it at multiples of the repeat cycle; a point in
    // the sidelap of two tracks sees one satellite at other spacings too.
    const single: number[] = [];
    const overlap: number[] = [];
    equator.accessTimesMs.forEach((times, p) => {
      const visits = groupVisits(times.filter((_, k) => scope.includes(equator.accessSatellites[p]![k]!)));
      if (visits.length < 2) return;
      const sats = scope.map((si) => times.filter((_, k) => equator.accessSatellites[p]![k] === si));
      const onOneTrack = sats.every((own) =>
        own.every((time) => {
          const cycles = (time - own[0]!) / (cycleDays * DAY_MS);
          return Math.abs(cycles - Math.round(cycles)) < 0.01;
        }),
      );
      (onOneTrack ? single : overlap).push(meanGapDays(visits));
    });
    t.ok(single.length > overlap.length && overlap.length > 0, `${name}: ${single.length} points under one track, ${overlap.length} in sidelap`);
    const singleOff = single.filter((m) => Math.abs(m - nominalDays) > relativeTolerance * nominalDays).length;
    t.ok(singleOff <= 0.02 * single.length, `${name}: under one track the mean revisit is ${nominalDays} days (${singleOff} exceptions)`);
    // Below, not necessarily 5 % below: a 30-day window shows a sidelap point the second track of a
    // 16-day cycle only once or twice.
    t.ok(Math.max(...overlap) < nominalDays * 0.99, `${name}: in sidelap it is shorter (at most ${Math.max(...overlap).toFixed(2)} days)`);
    const stats = scopeStatistics(equator, scope);
    t.ok(stats.mean_revisit_hours! < nominalDays * 24, `${name}: mean over points ${(stats.mean_revisit_hours! / 24).toFixed(2)} days < ${nominalDays}`);
  }
});

t.test('45 N: the Sentinel-2 pair revisits 0.65 to 0.85 as long as at the equator', async (t) => {
  const north = run(45);
  const atEquator = scopeStatistics(equator, [S2A, S2B]).mean_revisit_hours!;
  const at45 = scopeStatistics(north, [S2A, S2B]).mean_revisit_hours!;
  const ratio = at45 / atEquator;
  t.ok(ratio >= 0.65 && ratio <= 0.85, `mean revisit ${(at45 / 24).toFixed(2)} d at 45 N, ${(atEquator / 24).toFixed(2)} d at the equator: ratio ${ratio.toFixed(3)}`);
});
