import { readFileSync } from 'node:fs';
import t, { type Test } from 'tap';
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { booleanClockwise, booleanValid, kinks } from '@turf/turf';
import { InvalidStacError } from '../../../src/errors.js';
import { normalizeFootprint, type NormalizedFootprint } from '../../../src/ingest/footprint/index.js';

// Real items from fixtures/footprints (provenance in fixtures/footprints/SOURCES.md). Expected crossing points were
// worked out with the linear rule, t = (-180 - a.lon) / (b.lon - 360 - a.lon) for a westward edge a→b and
// lat = a.lat + t (b.lat - a.lat), and checked by hand in a Python shell; turf is an independent validity oracle.

interface Item {
  id: string;
  geometry: unknown;
  bbox?: number[];
}

function readItems(name: string): Map<string, Item> {
  const text = readFileSync(new URL(`../../../fixtures/footprints/${name}`, import.meta.url), 'utf8');
  const items = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Item);
  return new Map(items.map((item) => [item.id, item]));
}

const ITEMS = new Map([...readItems('items.ndjson'), ...readItems('items-invalid-geometry.ndjson')]);
const toleranceDeg = 1e-9;

function item(id: string): Item {
  const found = ITEMS.get(id);
  if (found === undefined) throw new Error(`fixture ${id} missing`);
  return found;
}

function normalizeItem(id: string): NormalizedFootprint {
  const { geometry, bbox } = item(id);
  return normalizeFootprint(geometry, { maxVertices: 10_000, originalBbox: bbox ?? null });
}

function refusesItem(t: Test, id: string, pattern: RegExp): void {
  try {
    normalizeItem(id);
    t.fail(`${id} should be refused`);
  } catch (error) {
    t.ok(error instanceof InvalidStacError);
    t.equal((error as InvalidStacError).code, 'InvalidGeometry');
    t.match((error as InvalidStacError).description, pattern);
  }
}

/** Turf's checks, as a second opinion on OGC validity: valid, and no self-intersection points. */
function assertOgcValid(t: Test, geometry: Geometry | null): void {
  t.ok(geometry !== null && booleanValid(geometry), 'turf booleanValid');
  t.equal(kinks(geometry as Polygon | MultiPolygon).features.length, 0, 'turf kinks finds no self-intersection');
}

function longitudesOf(rings: Position[][]): number[] {
  return rings.flat().map((p) => p[0] as number);
}

function hasVertex(t: Test, ring: Position[], lon: number, lat: number): void {
  t.ok(
    ring.some((p) => p[0] === lon && Math.abs((p[1] as number) - lat) < toleranceDeg),
    `has (${lon}, ${lat})`,
  );
}

function reversedRing(ring: Position[]): Position[] {
  return ring.slice().reverse();
}

t.test('LT05_L2SR_087017 (Landsat 5, already split MultiPolygon) keeps its shape; bbox runs across 180', async (t) => {
  const input = item('LT05_L2SR_087017_20090621_20200827_02_T2_SR');
  const result = normalizeItem(input.id);
  t.strictSame(result.geometry, input.geometry, 'both parts already counter-clockwise and on their sides');
  // Upstream's bbox ends at -179.064, but the west part reaches -175.515 (-175.51498801955913, 61.955...).
  t.strictSame(result.bbox, [179.90517236107144, 60.43881649233896, -175.51498801955913, 62.491727331163695]);
  t.ok((result.bbox?.[0] as number) > (result.bbox?.[2] as number), 'minx > maxx');
  t.strictSame(result.warnings, []);
  assertOgcValid(t, result.geometry);
});

t.test('io-lulc-annual-v02 60W-2023 (unsplit, self-intersecting as drawn) is split and becomes valid', async (t) => {
  const result = normalizeItem('60W-2023');
  const geometry = result.geometry as MultiPolygon;
  t.equal(geometry.type, 'MultiPolygon');
  t.equal(geometry.coordinates.length, 2);
  const [east, west] = geometry.coordinates as [Position[][], Position[][]];
  t.strictSame([Math.min(...longitudesOf(east)), Math.max(...longitudesOf(east))], [172.74911824960796, 180]);
  t.strictSame([Math.min(...longitudesOf(west)), Math.max(...longitudesOf(west))], [-180, -178.749118249608]);
  // The bottom edge (-179.96192440634286, 64.35081419467004)→(179.99658242664972, 63.969110597182826) crosses
  // westward at t = 0.9176352735459916, latitude 64.00054950957637; both parts share that point.
  hasVertex(t, east[0] as Position[], 180, 64.00054950957637);
  hasVertex(t, west[0] as Position[], -180, 64.00054950957637);
  // The seam the producer drew down +180 and back up -180 is gone: each part has two vertices on ±180.
  t.equal((east[0] as Position[]).slice(1).filter((p) => p[0] === 180).length, 2);
  t.equal((west[0] as Position[]).slice(1).filter((p) => p[0] === -180).length, 2);
  t.strictSame(result.bbox, [172.74911824960796, 63.969110597182826, -178.749118249608, 72.02291285284377]);
  t.match(result.warnings, [/rewound/, /took the sign of their neighbours/, /crosses the antimeridian 2 times; split/]);
  assertOgcValid(t, result.geometry);
});

t.test('io-lulc-annual-v02 60U-2023 is split the same way and becomes valid', async (t) => {
  const result = normalizeItem('60U-2023');
  const geometry = result.geometry as MultiPolygon;
  t.equal(geometry.coordinates.length, 2);
  // (-179.97996604219747, 48.343367166630294)→(179.99765742526293, 47.96095567136579): t = 0.8953110928636671.
  hasVertex(t, geometry.coordinates[0]?.[0] as Position[], 180, 48.0009899128814);
  hasVertex(t, geometry.coordinates[1]?.[0] as Position[], -180, 48.0009899128814);
  t.strictSame(result.bbox, [173.41267037159034, 47.96095567136579, -179.41267037159037, 56.036363970788486]);
  assertOgcValid(t, result.geometry);
});

t.test('io-lulc-annual-v02 60N-2023: the stray +180 in the west part becomes -180, which makes it valid', async (t) => {
  const input = item('60N-2023').geometry as MultiPolygon;
  const result = normalizeItem('60N-2023');
  const geometry = result.geometry as MultiPolygon;
  t.equal(geometry.coordinates.length, 2);
  const westInput = input.coordinates[1]?.[0] as Position[];
  t.strictSame(westInput[20], [180, 0.4111395388452466], 'as published');
  const westOutput = geometry.coordinates[1]?.[0] as Position[];
  hasVertex(t, westOutput, -180, 0.4111395388452466);
  t.notOk(westOutput.some((p) => p[0] === 180), 'no +180 left in the west part');
  t.strictSame(result.bbox, [173.9707653411823, 0, -179.97076534118233, 8.0108488508706]);
  assertOgcValid(t, result.geometry);
});

t.test('io-lulc-annual-v02 60V-2023 (split, bbox -180..180) keeps its parts, rewound; bbox crosses', async (t) => {
  const input = item('60V-2023').geometry as MultiPolygon;
  const result = normalizeItem('60V-2023');
  t.strictSame(result.geometry, {
    type: 'MultiPolygon',
    coordinates: input.coordinates.map((polygon) => polygon.map(reversedRing)),
  });
  t.strictSame(result.bbox, [173.1762984215497, 55.9635596501913, -179.17629842154972, 64.03080860436906]);
});

t.test('io-lulc 60W-2020 (4 parts touching ±180, bbox -180..180) gets a bbox across 180', async (t) => {
  const result = normalizeItem('60W-2020');
  t.equal((result.geometry as MultiPolygon).coordinates.length, 4);
  t.strictSame(result.bbox, [168.2388824, 62.0909077, -178.8395302, 72.0995811]);
  assertOgcValid(t, result.geometry);
});

t.test('sentinel-3-slstr-orbits: whole-orbit footprints folding over themselves near the pole are refused', async (t) => {
  // They cross 180 three times (odd: round the north pole), but the ring meets itself at 89.76°N, where the
  // orbit's start and end overlap. gadomski/antimeridian lists both as failure modes.
  refusesItem(
    t,
    'S3A_SL_2_LST_20160521T015552_20160521T033651_6059_004_217_____',
    /ring coordinates\[0\] intersects itself \(read across the antimeridian\): edge 1 \(127\.863, 89\.7997\)–\(169\.548, 89\.4129\) crosses edge 188 \(155\.449, 89\.8008\)–\(55\.3032, 89\.6085\) at \(132\.49458997221998, 89\.75672293387898\)/,
  );
  refusesItem(
    t,
    'S3A_SL_2_LST_20160521T033651_20160521T051750_6059_004_218_____',
    /edge 1 \(103\.61, 89\.8094\)–\(145\.253, 89\.4159\) crosses edge 188 \(127\.841, 89\.7927\)–\(31\.3159, 89\.6023\) at \(109\.25675306835564, 89\.75604175654016\)/,
  );
});

t.test('Landsat LC08_L2SR_084024 (STAC 0.7.0, unsplit) is a bow-tie even read across 180: refused', async (t) => {
  refusesItem(
    t,
    'LC08_L2SR_084024_20160111_20201016_02_T1',
    /ring coordinates\[0\] intersects itself \(read across the antimeridian\): edge 1 \(179\.96672360880183, 52\.00163609753924\)–\(-177\.89334479610974, 50\.62805205289558\) crosses edge 3 \(-179\.9847165338706, 51\.002602948712465\)–\(-179\.70358951407547, 52\.750507455036264\) at \(-179\.8436156615955, 51\.87989624722082\)/,
  );
});

t.test('cop-dem-glo-30 S90 W180: -180.0014 is clamped to -180 with a warning', async (t) => {
  const result = normalizeItem('Copernicus_DSM_COG_10_S90_00_W180_00_DEM');
  t.strictSame(result.geometry, {
    type: 'Polygon',
    coordinates: [
      [
        [-179.00138889, -89.99986111],
        [-179.00138889, -88.99986111],
        [-180, -88.99986111],
        [-180, -89.99986111],
        [-179.00138889, -89.99986111],
      ],
    ],
  });
  t.strictSame(result.bbox, [-180, -89.99986111, -179.00138889, -88.99986111]);
  t.match(result.warnings, [/^2 longitudes up to 0\.0014° beyond ±180 .*clamped to ±180, first at coordinates\[0\]\[2\]$/]);
});

t.test('us-census vtd: the 179.78..-179.15 rectangle is read across 180 as a 1°-wide strip and split', async (t) => {
  const result = normalizeItem('2020-cb_2020_us_vtd_500k');
  t.strictSame(result.geometry, {
    type: 'MultiPolygon',
    coordinates: [
      [[[180, 71.365162], [179.77847, 71.365162], [179.77847, 17.88328], [180, 17.88328], [180, 71.365162]]],
      [[[-180, 17.88328], [-179.148909, 17.88328], [-179.148909, 71.365162], [-180, 71.365162], [-180, 17.88328]]],
    ],
  });
  t.strictSame(result.bbox, [179.77847, 17.88328, -179.148909, 71.365162]);
  t.match(result.warnings, [/rewound/, /crosses the antimeridian 2 times; split at 180° into 2 parts/]);
});

t.test('us-census unsd: same strip, down to -14.5', async (t) => {
  t.strictSame(normalizeItem('2020-cb_2020_us_unsd_500k').bbox, [179.77847, -14.548699, -179.148909, 71.365162]);
});

t.test('us-census blocks (9 rectangles, none touching ±180) stay 9 parts with a plain bbox', async (t) => {
  const input = item('2020-census-blocks-geo').geometry as MultiPolygon;
  const result = normalizeItem('2020-census-blocks-geo');
  t.strictSame(result.geometry, {
    type: 'MultiPolygon',
    coordinates: input.coordinates.map((polygon) => polygon.map(reversedRing)),
  });
  t.strictSame(result.bbox, [-179.148909, -14.548699, 179.77847, 71.365162]);
  t.match(result.warnings, [/^9 rings rewound/]);
});

t.test('polar Landsat LC08_L2SR_099120 (Antarctica, -82.4°) is rewound, nothing else', async (t) => {
  const result = normalizeItem('LC08_L2SR_099120_20191129_20201016_02_T2');
  t.strictSame(result.geometry, {
    type: 'Polygon',
    coordinates: [
      [
        [70.70487567768816, -80.24577066106241],
        [60.660355360178656, -80.76338417289233],
        [63.466214893229875, -82.43020599776871],
        [75.274690570951, -81.80839588279174],
        [70.70487567768816, -80.24577066106241],
      ],
    ],
  });
  t.strictSame(result.bbox, [60.660355360178656, -82.43020599776871, 75.274690570951, -80.24577066106241]);
});

t.test('Landsat MSS LM03 up to 81°N is already counter-clockwise and comes back unchanged', async (t) => {
  const input = item('LM03_L1GS_001001_19780510_20200907_02_T2');
  t.strictSame(normalizeItem(input.id), { geometry: input.geometry, bbox: input.bbox, warnings: [] });
});

t.test('Sentinel-2 near -180 in Antarctica (S2A_1CDH) is not split', async (t) => {
  const result = normalizeItem('S2A_1CDH_20191119_0_L2A');
  t.strictSame(result.geometry, {
    type: 'Polygon',
    coordinates: [
      [
        [-179.6507829395038, -82.84872652581974],
        [-179.14272303046207, -82.84840872846694],
        [-179.64967274208212, -82.84571635140561],
        [-179.6507829395038, -82.84872652581974],
      ],
    ],
  });
  t.strictSame(result.bbox, [-179.6507829395038, -82.84872652581974, -179.14272303046207, -82.84571635140561]);
});

t.test('3DEP lidar: the 6-number bbox keeps its height range around the recomputed extent', async (t) => {
  const result = normalizeItem('USGS_LPC_UT_StatewideSouth_2020_A20_12SUH7021');
  t.strictSame(result.bbox, [-112.4855415, 38.1261015, 2475.74, -112.4816283, 38.1338897, 2754.14]);
});

t.test('whole-world rectangles stay as they are; a degenerate original bbox is replaced', async (t) => {
  const merraclim = item('MERRAclim.2_5m_min_80s');
  t.strictSame(normalizeItem(merraclim.id), { geometry: merraclim.geometry, bbox: [-180, -90, 180, 90], warnings: [] });
  const s2cloudless = item('s2cloudless_2018');
  t.strictSame(s2cloudless.bbox, [-180, 90, 180, 90], 'as published');
  t.strictSame(normalizeItem(s2cloudless.id), {
    geometry: s2cloudless.geometry,
    bbox: [-180, -90, 180, 90],
    warnings: [],
  });
});

t.test('a null geometry is accepted with no bbox', async (t) => {
  t.strictSame(normalizeItem('CS3-20160503_132131_05'), { geometry: null, bbox: null, warnings: [] });
});

t.test('malformed geometries are refused with the reason', async (t) => {
  refusesItem(t, 'badGeometryItem', /coordinates of a Polygon is nested 4 levels deep, like a MultiPolygon/);
  refusesItem(
    t,
    'ASA_GM1_1PNPDE20090520_023957_000001022079_00118_37747_3607',
    /coordinates\[0\]\[0\] has latitude 114\.587673, outside \[-90, 90\]; longitude and latitude look swapped/,
  );
});

t.test('every accepted fixture comes out OGC-valid and counter-clockwise', async (t) => {
  for (const { id } of ITEMS.values()) {
    let result: NormalizedFootprint;
    try {
      result = normalizeItem(id);
    } catch {
      continue;
    }
    const geometry = result.geometry;
    if (geometry === null || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) continue;
    t.ok(booleanValid(geometry), `${id} is valid`);
    t.equal(kinks(geometry).features.length, 0, `${id} has no self-intersection`);
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    t.ok(
      polygons.every((rings) => rings.every((ring, index) => booleanClockwise(ring) === (index > 0))),
      `${id}: exteriors counter-clockwise, holes clockwise`,
    );
  }
});
