/**
 * computeAccesses against an exhaustive computation written here: every grid point, every second
 * of the window, no prefilter, satellite.js's own geodetic conversion (eciToGeodetic) rather than
 * eopool's. Reference TLEs of 2024-10-05 (fixtures/satellites.json, reference_snapshot_2024),
 * window 2024-10-05T00:00Z + 30 days, nadir, Sun >= 10 deg, Tajikistan on a 60 km grid.
 */
import { readFileSync } from 'node:fs';
import { eciToGeodetic, gstime, sgp4, twoline2satrec } from 'satellite.js';
import t from 'tap';
import { InvalidRequestError } from '../../../src/errors.js';
import { groundRangeKmForOffNadir } from '../../../src/orbits/ground-range-for-off-nadir.js';
import { julianDate, julianDateToMs } from '../../../src/orbits/julian-date.js';
import { sunDirectionEcef } from '../../../src/orbits/sun-direction-ecef.js';
import { computeAccesses, type AccessSet } from '../../../src/revisit/core/compute-accesses.js';
import { groupVisits } from '../../../src/revisit/core/group-visits.js';
import type { RevisitSatellite, TerritoryGeometry } from '../../../src/revisit/core/revisit-input.js';
import { revisitStatistics, type RevisitStatistics } from '../../../src/revisit/core/revisit-statistics.js';
import { scopeStatistics } from '../../../src/revisit/core/scope-statistics.js';

const R = 6371.0088;
// The exhaustive search takes about 30 s of CPU; leave room on a busy machine when run on its own.
t.setTimeout(600_000);
const DEG = Math.PI / 180;
const relativeTolerance = 0.02;

const fixtures = new URL('../../../fixtures/', import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL('satellites.json', fixtures), 'utf8')) as {
  satellites: RevisitSatellite[];
  reference_snapshot_2024: { satellites: RevisitSatellite[] };
};
const members = JSON.parse(readFileSync(new URL('sco-members.geojson', fixtures), 'utf8')) as {
  features: { properties: { iso_a2: string }; geometry: TerritoryGeometry }[];
};
const tajikistan = members.features.find((f) => f.properties.iso_a2 === 'TJ')!.geometry;
const [s2a, s2b, l8] = catalogue.reference_snapshot_2024.satellites as [RevisitSatellite, RevisitSatellite, RevisitSatellite];
const windowStart = Date.UTC(2024, 9, 5);

interface BruteAccess {
  point: number;
  satellite: number;
  timeMs: number;
}

/**
 * Every local minimum of the distance to the sub-satellite point, one-second steps, for every point.
 * `reachKm(satellite, heightKm)` says how far a point may be to be seen.
 */
function exhaustive(
  accessSet: AccessSet,
  satellites: readonly RevisitSatellite[],
  reachKm: (s: RevisitSatellite, heightKm: number) => number,
): BruteAccess[] {
  const { windowStartMs, windowEndMs } = accessSet;
  const n = accessSet.points.length;
  const unit = new Float64Array(3 * n);
  accessSet.points.forEach((p, i) => {
    const lat = p.latitudeDeg * DEG;
    const lon = p.longitudeDeg * DEG;
    unit.set([Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)], 3 * i);
  });
  const sinSunMin = Math.sin(accessSet.sunElevationMinDeg * DEG);
  const found: BruteAccess[] = [];
  satellites.forEach((s, si) => {
    const satrec = twoline2satrec(s.tle[0]!, s.tle[1]!);
    const epochMs = julianDateToMs(satrec.jdsatepoch);
    const before = new Float64Array(n).fill(-2);
    const current = new Float64Array(n).fill(-2);
    let heightBefore = 0;
    for (let time = windowStartMs - 1000; time <= windowEndMs + 1000; time += 1000) {
      const pv = sgp4(satrec, (time - epochMs) / 60_000)!;
      const g = eciToGeodetic(pv.position, gstime(julianDate(time)));
      const ux = Math.cos(g.latitude) * Math.cos(g.longitude);
      const uy = Math.cos(g.latitude) * Math.sin(g.longitude);
      const uz = Math.sin(g.latitude);
      const previousTime = time - 1000;
      const inWindow = previousTime >= windowStartMs && previousTime <= windowEndMs;
      for (let p = 0; p < n; p++) {
        const x = unit[3 * p]!;
        const y = unit[3 * p + 1]!;
        const z = unit[3 * p + 2]!;
        const next = x * ux + y * uy + z * uz;
        // cos(distance) peaked one second ago: a local minimum of the distance at previousTime.
        if (inWindow && current[p]! > before[p]! && current[p]! >= next) {
          const distanceKm = R * Math.acos(Math.min(1, current[p]!));
          if (distanceKm <= reachKm(s, heightBefore)) {
            const sun = sunDirectionEcef(previousTime);
            if (s.sensor === 'sar' || x * sun.x + y * sun.y + z * sun.z >= sinSunMin) {
              found.push({ point: p, satellite: si, timeMs: previousTime });
            }
          }
        }
        before[p] = current[p]!;
        current[p] = next;
      }
      heightBefore = g.height;
    }
  });
  return found;
}

/** Statistics of the exhaustive accesses for a scope, built the same way as scopeStatistics. */
function exhaustiveStatistics(accesses: readonly BruteAccess[], nPoints: number, scope: readonly number[]): RevisitStatistics {
  const inScope = accesses.filter((a) => scope.includes(a.satellite)).sort((a, b) => a.timeMs - b.timeMs);
  const perPoint: number[][] = Array.from({ length: nPoints }, () => []);
  for (const a of inScope) perPoint[a.point]!.push(a.timeMs);
  // A pass event per satellite pass that sees some point: accesses of one satellite closer than
  // 30 minutes together (passes of one satellite are an orbit, about 100 minutes, apart).
  const events: number[] = [];
  for (const si of scope) {
    let last = -Infinity;
    for (const a of inScope) {
      if (a.satellite !== si) continue;
      if (a.timeMs - last > 30 * 60_000) events.push(a.timeMs);
      last = a.timeMs;
    }
  }
  return revisitStatistics(perPoint.map((times) => groupVisits(times)), events);
}

/** The assertions compareStatistics needs from a tap test. */
type Assert = Pick<typeof t, 'ok' | 'equal'>;

function compareStatistics(t: Assert, name: string, ours: RevisitStatistics, reference: RevisitStatistics): void {
  const pairs: [string, number | null, number | null][] = [
    ['covered_fraction', ours.covered_fraction, reference.covered_fraction],
    ['visits_per_point', ours.visits_per_point, reference.visits_per_point],
    ['points_with_revisit', ours.points_with_revisit, reference.points_with_revisit],
    ['mean_revisit_hours', ours.mean_revisit_hours, reference.mean_revisit_hours],
    ['median_revisit_hours', ours.median_revisit_hours, reference.median_revisit_hours],
    ['mean_max_gap_hours', ours.mean_max_gap_hours, reference.mean_max_gap_hours],
    ['worst_max_gap_hours', ours.worst_max_gap_hours, reference.worst_max_gap_hours],
    ['any_point.events', ours.any_point.events, reference.any_point.events],
    ['any_point.mean_gap_hours', ours.any_point.mean_gap_hours, reference.any_point.mean_gap_hours],
    ['any_point.median_gap_hours', ours.any_point.median_gap_hours, reference.any_point.median_gap_hours],
    ['any_point.max_gap_hours', ours.any_point.max_gap_hours, reference.any_point.max_gap_hours],
  ];
  for (const [field, a, b] of pairs) {
    if (a === null || b === null) {
      t.equal(a, b, `${name} ${field}: both null`);
      continue;
    }
    const relative = Math.abs(a - b) / Math.max(Math.abs(b), 1e-9);
    t.ok(relative <= relativeTolerance, `${name} ${field}: ${a.toFixed(4)} vs exhaustive ${b.toFixed(4)}`);
  }
}

/** Pairs our accesses with the exhaustive ones (same point and satellite, within 2 s). */
function unmatched(accessSet: AccessSet, reference: readonly BruteAccess[]): { ours: number; theirs: number; total: number } {
  const ours: BruteAccess[] = [];
  accessSet.accessTimesMs.forEach((times, p) =>
    times.forEach((timeMs, k) => ours.push({ point: p, satellite: accessSet.accessSatellites[p]![k]!, timeMs })),
  );
  const key = (a: BruteAccess): string => `${a.point}/${a.satellite}`;
  const byKey = new Map<string, number[]>();
  for (const a of reference) byKey.set(key(a), [...(byKey.get(key(a)) ?? []), a.timeMs]);
  let matched = 0;
  for (const a of ours) {
    const times = byKey.get(key(a)) ?? [];
    const i = times.findIndex((time) => Math.abs(time - a.timeMs) <= 2000);
    if (i >= 0) {
      times.splice(i, 1);
      matched++;
    }
  }
  return { ours: ours.length - matched, theirs: reference.length - matched, total: ours.length };
}

t.test('nadir: statistics within 2 % of an exhaustive one-second search', async (t) => {
  // Sentinel-2B is labelled SAR here so that night passes are exercised too.
  const satellites: RevisitSatellite[] = [s2a, { ...s2b, sensor: 'sar' }, l8];
  const accessSet = computeAccesses({ territory: tajikistan, satellites, windowStart, days: 30, gridKm: 60 });
  const n = accessSet.points.length;
  t.ok(n >= 24 && n <= 60, `${n} grid points`);
  const reference = exhaustive(accessSet, satellites, (s) => s.swath_km / 2);
  const diff = unmatched(accessSet, reference);
  t.ok(diff.total > 300, `${diff.total} accesses`);
  t.ok(diff.ours + diff.theirs <= Math.ceil(0.005 * diff.total), `unmatched: ${diff.ours} ours, ${diff.theirs} exhaustive`);
  const all = satellites.map((_, i) => i);
  compareStatistics(t, 'pool', scopeStatistics(accessSet, all), exhaustiveStatistics(reference, n, all));
  for (const si of all) {
    compareStatistics(t, satellites[si]!.name, scopeStatistics(accessSet, [si]), exhaustiveStatistics(reference, n, [si]));
  }
  // Same orbit, one labelled SAR: it also counts the ascending (night) passes.
  t.ok(accessSet.satellites[1]!.accesses > 1.5 * accessSet.satellites[0]!.accesses, 'SAR counts night passes too');
});

t.test('agile: within the field of regard, against the exhaustive search', async (t) => {
  // Kanopus-V 3 (23.3 km swath, 40 deg roll) on its 2026 TLE, three days.
  const kanopus = catalogue.satellites.find((s) => s.name === 'KANOPUS-V 3')!;
  const start = Date.UTC(2026, 4, 8);
  const nadir = computeAccesses({ territory: tajikistan, satellites: [kanopus], windowStart: start, days: 3, gridKm: 60 });
  const agile = computeAccesses({ territory: tajikistan, satellites: [kanopus], windowStart: start, days: 3, gridKm: 60, mode: 'agile' });
  const reference = exhaustive(agile, [kanopus], (s, heightKm) => s.swath_km / 2 + groundRangeKmForOffNadir(40 * DEG, heightKm));
  const diff = unmatched(agile, reference);
  t.ok(diff.total > 5 * Math.max(1, nadir.satellites[0]!.accesses), `agile ${diff.total} accesses, nadir ${nadir.satellites[0]!.accesses}`);
  t.ok(diff.ours + diff.theirs <= Math.ceil(0.005 * diff.total), `unmatched: ${diff.ours} ours, ${diff.theirs} exhaustive`);
});

t.test('bad input', async (t) => {
  const base = { territory: tajikistan, windowStart, days: 1 };
  const broken = { ...s2a, tle: [s2a.tle[0]!, `${s2a.tle[1]!.slice(0, 68)}0`] };
  let error: unknown;
  try {
    computeAccesses({ ...base, satellites: [broken] });
  } catch (err) {
    error = err;
  }
  t.ok(error instanceof InvalidRequestError, 'InvalidRequestError');
  t.match(error, { code: 'InvalidTle', details: { norad_id: 40697, line: 2, check: 'checksum' }, message: /SENTINEL-2A.*line 2/ });
  t.throws(() => computeAccesses({ ...base, satellites: [{ ...s2a, norad_id: 1 }] }), { code: 'InvalidTle' }, 'TLE of another satellite');
  t.throws(() => computeAccesses({ ...base, satellites: [], days: 0 }), RangeError);
  t.throws(() => computeAccesses({ ...base, satellites: [], mode: 'wide' as never }), RangeError);
  t.throws(() => computeAccesses({ ...base, satellites: [{ ...s2a, swath_km: 0 }] }), RangeError);
  t.throws(() => computeAccesses({ ...base, satellites: [], maxGridPoints: 100 }), { code: 'TooManyGridPoints' });
});
