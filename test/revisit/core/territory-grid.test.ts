import { readFileSync } from 'node:fs';
import t from 'tap';
import { defaultGridKm } from '../../../src/revisit/core/default-grid-km.js';
import type { TerritoryGeometry } from '../../../src/revisit/core/revisit-input.js';
import { territoryBbox } from '../../../src/revisit/core/territory-bbox.js';
import { territoryCentre } from '../../../src/revisit/core/territory-centre.js';
import { territoryGrid } from '../../../src/revisit/core/territory-grid.js';

const R = 6371.0088;
const toleranceDeg = 1e-9;
const members = JSON.parse(readFileSync(new URL('../../../fixtures/sco-members.geojson', import.meta.url), 'utf8')) as {
  features: { properties: { iso_a2: string }; geometry: TerritoryGeometry }[];
};
const member = (code: string): TerritoryGeometry => members.features.find((f) => f.properties.iso_a2 === code)!.geometry;

function square(west: number, south: number, sizeDeg: number): TerritoryGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [west + sizeDeg, south],
        [west + sizeDeg, south + sizeDeg],
        [west, south + sizeDeg],
        [west, south],
      ],
    ],
  };
}

t.test('the default grid gives 1,000 to 3,000 points for every SCO member', async (t) => {
  for (const f of members.features) {
    const grid = territoryGrid(f.geometry);
    t.ok(grid.points.length >= 1000 && grid.points.length <= 3000, `${f.properties.iso_a2}: ${grid.points.length} points at ${grid.gridKm} km`);
    t.equal(grid.gridKm, Number(Math.sqrt(grid.areaKm2 / 2000).toPrecision(2)));
  }
});

t.test('defaultGridKm is sqrt(area / 2000) to two significant figures', async (t) => {
  t.equal(defaultGridKm(2_000_000), 32);
  t.equal(defaultGridKm(142_000), 8.4);
  t.equal(defaultGridKm(17_100_000), 92);
  t.equal(defaultGridKm(0.5), 0.016);
  t.throws(() => defaultGridKm(0), RangeError);
});

t.test('rows and columns follow the issue\'s spacing rule', async (t) => {
  // 2 deg x 2 deg at 40..42 N, 10 km: rows every 10 / R rad from the south edge plus half a step,
  // columns every 10 / (R cos 41 deg) rad from the west edge plus half a step.
  const grid = territoryGrid(square(60, 40, 2), 10);
  const latStep = (10 / R) * (180 / Math.PI);
  const lonStep = latStep / Math.cos((41 * Math.PI) / 180);
  const rows = Math.floor(2 / latStep + 0.5);
  const cols = Math.floor(2 / lonStep + 0.5);
  t.equal(grid.points.length, rows * cols);
  t.ok(Math.abs(grid.points[0]!.latitudeDeg - (40 + latStep / 2)) < toleranceDeg);
  t.ok(Math.abs(grid.points[0]!.longitudeDeg - (60 + lonStep / 2)) < toleranceDeg);
  t.ok(Math.abs(grid.points[1]!.longitudeDeg - (60 + 1.5 * lonStep)) < toleranceDeg);
  t.ok(Math.abs(grid.points[cols]!.latitudeDeg - (40 + 1.5 * latStep)) < toleranceDeg);
  t.equal(grid.centreOnly, false);
});

t.test('holes are left out', async (t) => {
  const withHole: TerritoryGeometry = {
    type: 'Polygon',
    coordinates: [square(0, 0, 2).coordinates[0] as number[][], (square(0.5, 0.5, 1).coordinates[0] as number[][]).slice().reverse()],
  };
  const grid = territoryGrid(withHole, 10);
  const full = territoryGrid(square(0, 0, 2), 10);
  t.ok(grid.points.length < 0.8 * full.points.length && grid.points.length > 0.7 * full.points.length, `${grid.points.length} of ${full.points.length}`);
  t.notOk(
    grid.points.some((p) => p.longitudeDeg > 0.5 && p.longitudeDeg < 1.5 && p.latitudeDeg > 0.5 && p.latitudeDeg < 1.5),
    'no point in the hole',
  );
});

t.test('antimeridian: Russia, and a polygon written across 180 deg without a split', async (t) => {
  const russia = member('RU');
  const bbox = territoryBbox(russia);
  t.ok(Math.abs(bbox.westDeg - 19.6) < 0.1 && Math.abs(bbox.eastDeg - 191.0) < 0.1, `bbox ${bbox.westDeg} .. ${bbox.eastDeg}`);
  const grid = territoryGrid(russia);
  t.ok(grid.points.some((p) => p.longitudeDeg < -170), 'Chukotka points west of 180');
  t.ok(grid.points.some((p) => p.longitudeDeg > 170), 'points east of 170');
  t.ok(grid.points.every((p) => p.longitudeDeg >= -180 && p.longitudeDeg < 180));
  const centre = territoryCentre(russia);
  t.ok(centre.longitudeDeg > 80 && centre.longitudeDeg < 120 && centre.latitudeDeg > 55, `centre ${centre.longitudeDeg}, ${centre.latitudeDeg}`);

  // 178 E .. 178 W written as a single ring that jumps from 180 to -180 (not split, not > 180).
  const written: TerritoryGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [178, 60],
        [-178, 60],
        [-178, 64],
        [178, 64],
        [178, 60],
      ],
    ],
  };
  const split: TerritoryGeometry = {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [178, 60],
          [180, 60],
          [180, 64],
          [178, 64],
          [178, 60],
        ],
      ],
      [
        [
          [-180, 60],
          [-178, 60],
          [-178, 64],
          [-180, 64],
          [-180, 60],
        ],
      ],
    ],
  };
  const a = territoryGrid(written, 20);
  const b = territoryGrid(split, 20);
  t.same(territoryBbox(written), { westDeg: 178, southDeg: 60, eastDeg: 182, northDeg: 64 });
  t.same(territoryBbox(split), { westDeg: 178, southDeg: 60, eastDeg: 182, northDeg: 64 });
  t.equal(a.points.length, b.points.length);
  t.ok(a.points.length > 100, `${a.points.length} points`);
  t.ok(Math.abs(territoryCentre(written).longitudeDeg - 180) < 1e-9 || Math.abs(territoryCentre(written).longitudeDeg + 180) < 1e-9);
});

t.test('a territory smaller than a grid cell is its centre', async (t) => {
  const tiny = square(69.1, 30.2, 0.01);
  const grid = territoryGrid(tiny, 50);
  t.equal(grid.centreOnly, true);
  t.equal(grid.points.length, 1);
  t.ok(Math.abs(grid.points[0]!.longitudeDeg - 69.105) < toleranceDeg && Math.abs(grid.points[0]!.latitudeDeg - 30.205) < toleranceDeg);
  // With the default spacing even a tiny territory gets its 2,000 points.
  t.ok(territoryGrid(tiny).points.length > 1000);
});

t.test('malformed territories are refused', async (t) => {
  t.throws(() => territoryGrid({ type: 'Point', coordinates: [0, 0] } as never), RangeError);
  t.throws(() => territoryGrid({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] }), RangeError);
  t.throws(() => territoryGrid({ type: 'Polygon', coordinates: [[[0, 0], [1, 95], [1, 0], [0, 0]]] }), RangeError);
  t.throws(() => territoryGrid(square(0, 0, 1), -5), RangeError);
});
