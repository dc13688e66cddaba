import { readFileSync } from 'node:fs';
import t from 'tap';
import { offNadirRadForGroundRange } from '../../../src/orbits/off-nadir-for-ground-range.js';
import { computeAccesses } from '../../../src/revisit/core/compute-accesses.js';
import type { RevisitSatellite, TerritoryGeometry } from '../../../src/revisit/core/revisit-input.js';
import { territoryPasses } from '../../../src/revisit/core/territory-passes.js';

const toleranceDeg = 1e-9;
const fixtures = new URL('../../../fixtures/', import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL('satellites.json', fixtures), 'utf8')) as {
  reference_snapshot_2024: { satellites: RevisitSatellite[] };
};
const members = JSON.parse(readFileSync(new URL('sco-members.geojson', fixtures), 'utf8')) as {
  features: { properties: { iso_a2: string }; geometry: TerritoryGeometry }[];
};
const kazakhstan = members.features.find((f) => f.properties.iso_a2 === 'KZ')!.geometry;

t.test('pass events over Kazakhstan', async (t) => {
  const satellites = catalogue.reference_snapshot_2024.satellites;
  const accessSet = computeAccesses({ territory: kazakhstan, satellites, windowStart: Date.UTC(2024, 9, 5), days: 10 });
  const passes = territoryPasses(accessSet);
  t.ok(passes.length > 20, `${passes.length} passes`);
  t.same(JSON.parse(JSON.stringify(passes)), passes, 'plain JSON');
  const n = accessSet.points.length;
  // Each pass's share and times agree with the per-point accesses of that satellite in [start, end].
  passes.forEach((pass, i) => {
    const record = accessSet.passes[i]!;
    t.ok(pass.start <= pass.end && pass.start >= '2024-10-05' && pass.end <= '2024-10-15T00:00:00.000Z');
    let seen = 0;
    accessSet.accessTimesMs.forEach((times, p) =>
      times.forEach((time, k) => {
        if (accessSet.accessSatellites[p]![k] === record.satellite && time >= record.startMs && time <= record.endMs) seen++;
      }),
    );
    t.equal(seen, record.pointsSeen);
    t.equal(pass.share, seen / n);
    t.ok(pass.share > 0 && pass.share <= 1);
  });
  // Kazakhstan is ~2,900 km wide: no 290 km swath sees more than a fifth of it on one pass.
  t.ok(passes.every((p) => p.share < 0.2));
  const withCentre = passes.filter((p) => p.centre_distance_km !== null);
  t.equal(withCentre.length, passes.length, 'every pass has a closest approach to the centre');
  for (const p of withCentre.slice(0, 5)) {
    t.ok(p.centre_off_nadir_deg! >= 0 && p.centre_off_nadir_deg! < 60, `${p.satellite}: ${p.centre_off_nadir_deg!.toFixed(2)} deg`);
    // From ~700-790 km, the off-nadir angle for the centre distance.
    const low = (offNadirRadForGroundRange(p.centre_distance_km!, 800) * 180) / Math.PI;
    const high = (offNadirRadForGroundRange(p.centre_distance_km!, 680) * 180) / Math.PI;
    t.ok(p.centre_off_nadir_deg! >= low - toleranceDeg && p.centre_off_nadir_deg! <= high + toleranceDeg);
  }
  // Events of both Sentinels and both Landsats.
  t.same([...new Set(passes.map((p) => p.satellite))].sort(), ['LANDSAT 8', 'LANDSAT 9', 'SENTINEL-2A', 'SENTINEL-2B']);
});
