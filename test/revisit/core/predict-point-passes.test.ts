import { readFileSync } from 'node:fs';
import t from 'tap';
import { degToRad, radToDeg } from '../../../src/orbits/angle-units.js';
import { sunElevationRad } from '../../../src/orbits/sun-elevation.js';
import { computeAccesses } from '../../../src/revisit/core/compute-accesses.js';
import { predictPointPasses } from '../../../src/revisit/core/predict-point-passes.js';
import type { RevisitSatellite, TerritoryGeometry } from '../../../src/revisit/core/revisit-input.js';

const toleranceDeg = 1e-9;
const fixtures = new URL('../../../fixtures/', import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL('satellites.json', fixtures), 'utf8')) as {
  satellites: RevisitSatellite[];
  reference_snapshot_2024: { satellites: RevisitSatellite[] };
};
const s2a = catalogue.reference_snapshot_2024.satellites[0]!;
// Almaty, 43.24 N 76.95 E.
const point = { latitudeDeg: 43.24, longitudeDeg: 76.95 };
const tiny: TerritoryGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [76.949, 43.239],
      [76.951, 43.239],
      [76.951, 43.241],
      [76.949, 43.241],
      [76.949, 43.239],
    ],
  ],
};

t.test('passes over a point agree with the territory computation', async (t) => {
  const windowStart = Date.UTC(2024, 9, 5);
  const passes = predictPointPasses({ satellite: s2a, point, windowStart, days: 30 });
  t.ok(passes.length >= 6, `${passes.length} passes in 30 days`);
  t.same(JSON.parse(JSON.stringify(passes)), passes, 'plain JSON');
  const accessSet = computeAccesses({ territory: tiny, satellites: [s2a], windowStart, days: 30, gridKm: 50 });
  t.equal(accessSet.centreOnly, true);
  const imaged = passes.filter((p) => p.image_possible).map((p) => Date.parse(p.time));
  // RFC 3339 text keeps whole milliseconds.
  t.same(imaged, accessSet.accessTimesMs[0]!.map((time) => Math.floor(time)), 'same imaging opportunities');
  for (const p of passes) {
    t.ok(p.distance_km <= 145 && p.off_nadir_deg < 10.5, `${p.time}: ${p.distance_km.toFixed(1)} km, ${p.off_nadir_deg.toFixed(2)} deg`);
    const sun = radToDeg(sunElevationRad(degToRad(point.latitudeDeg), degToRad(point.longitudeDeg), Date.parse(p.time)));
    t.ok(Math.abs(sun - p.sun_elevation_deg) < 1e-3, 'Sun elevation at the pass');
    t.equal(p.optical_possible, p.sun_elevation_deg >= 10);
  }
  t.ok(passes.some((p) => !p.optical_possible), 'night passes are listed, marked not possible');
});

t.test('agile mode reaches as far as the field of regard', async (t) => {
  const kanopus = catalogue.satellites.find((s) => s.name === 'KANOPUS-V 3')!;
  const windowStart = Date.UTC(2026, 4, 8);
  const nadir = predictPointPasses({ satellite: kanopus, point, windowStart, days: 10 });
  const agile = predictPointPasses({ satellite: kanopus, point, windowStart, days: 10, mode: 'agile' });
  t.ok(agile.length > nadir.length + 5, `${agile.length} agile passes, ${nadir.length} nadir`);
  t.ok(agile.every((p) => p.off_nadir_deg <= 40 + toleranceDeg));
  t.ok(agile.some((p) => p.off_nadir_deg > 30));
  t.ok(nadir.every((p) => p.distance_km <= 23.3 / 2));
});

t.test('bad points are refused', async (t) => {
  t.throws(() => predictPointPasses({ satellite: s2a, point: { latitudeDeg: 91, longitudeDeg: 0 }, windowStart: 0, days: 1 }), RangeError);
});
