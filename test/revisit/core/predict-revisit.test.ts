import { readFileSync } from 'node:fs';
import t from 'tap';
import { predictRevisit } from '../../../src/revisit/core/predict-revisit.js';
import type { RevisitSatellite, TerritoryGeometry } from '../../../src/revisit/core/revisit-input.js';

const SCO = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const fixtures = new URL('../../../fixtures/', import.meta.url);
const catalogue = JSON.parse(readFileSync(new URL('satellites.json', fixtures), 'utf8')) as { satellites: RevisitSatellite[] };
const members = JSON.parse(readFileSync(new URL('sco-members.geojson', fixtures), 'utf8')) as {
  features: { properties: { iso_a2: string }; geometry: TerritoryGeometry }[];
};
const pool = catalogue.satellites.filter((s) => s.member !== null && SCO.includes(s.member) && s.swath_km > 0);
const kyrgyzstan = members.features.find((f) => f.properties.iso_a2 === 'KG')!.geometry;

t.test('pooled and per-member revisit with pooling gain', async (t) => {
  const windowStart = Date.UTC(2026, 4, 8);
  const report = predictRevisit({ territory: kyrgyzstan, satellites: pool, windowStart, days: 5, gridKm: 40, members: SCO });
  t.same(JSON.parse(JSON.stringify(report)), report, 'plain JSON');
  t.equal(report.window.start, '2026-05-08T00:00:00.000Z');
  t.equal(report.window.end, '2026-05-13T00:00:00.000Z');
  t.equal(report.mode, 'nadir');
  t.equal(report.sun_elevation_min_deg, 10);
  t.same(Object.keys(report.members).sort(), SCO);
  for (const code of ['BY', 'KG', 'TJ', 'UZ']) {
    t.equal(report.members[code], null, `${code} has no satellites`);
    t.equal(report.pooling_gain[code], null);
  }
  for (const code of ['CN', 'IN', 'RU']) {
    const stats = report.members[code]!;
    t.ok(stats.visits_per_point > 0, `${code} sees Kyrgyzstan`);
    t.ok(report.pool.visits_per_point >= stats.visits_per_point);
    t.equal(report.pooling_gain[code], report.pool.visits_per_point / stats.visits_per_point);
  }
  t.ok(report.pool.covered_fraction === 1, 'the pool sees every point in five days');
  t.equal(report.satellites.length, pool.length);
  for (const s of report.satellites) {
    // Epochs of 2026-04-25 .. 2026-05-07: the window's end is 5 to 18 days away.
    t.ok(s.tle_age_days > 5 && s.tle_age_days < 18.5, `${s.name}: TLE age ${s.tle_age_days.toFixed(2)} days`);
  }
  t.ok(report.propagations > 0);
});

t.test('members default to those of the satellites given', async (t) => {
  const report = predictRevisit({
    territory: kyrgyzstan,
    satellites: pool.filter((s) => s.member === 'KZ' || s.member === 'PK'),
    windowStart: Date.UTC(2026, 4, 8),
    days: 2,
    gridKm: 60,
  });
  t.same(Object.keys(report.members), ['KZ', 'PK']);
});
