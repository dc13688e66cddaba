import t, { type Test } from 'tap';
import type { Geometry, Position } from 'geojson';
import { InvalidStacError } from '../../../src/errors.js';
import { normalizeFootprint, type NormalizedFootprint } from '../../../src/ingest/footprint/index.js';

// Hand-made footprints whose expected output was worked out on paper. Crossing latitudes are linear in lon/lat:
// for an edge a→b crossing +180, t = (180 - a.lon) / (b.lon + 360 - a.lon) and lat = a.lat + t (b.lat - a.lat).

const LIMITS = { maxVertices: 10_000 };

function normalize(geometry: unknown, originalBbox?: number[] | null): NormalizedFootprint {
  return normalizeFootprint(geometry, { ...LIMITS, originalBbox });
}

function polygon(...rings: Position[][]): Geometry {
  return { type: 'Polygon', coordinates: rings };
}

/** Asserts the call throws an InvalidStacError with this code and a description matching `pattern`. */
function refuses(t: Test, call: () => unknown, code: string, pattern: RegExp): void {
  try {
    call();
    t.fail(`expected ${code}`);
  } catch (error) {
    t.ok(error instanceof InvalidStacError, 'an InvalidStacError');
    t.equal((error as InvalidStacError).code, code);
    t.match((error as InvalidStacError).description, pattern);
  }
}

t.test('winding', async (t) => {
  t.test('a clockwise exterior is rewound counter-clockwise, keeping its first vertex, with a warning', async (t) => {
    const result = normalize(polygon([[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]));
    t.strictSame(result.geometry, polygon([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]));
    t.strictSame(result.bbox, [0, 0, 10, 10]);
    t.match(result.warnings, [/1 ring rewound to RFC 7946 order .*coordinates\[0\]/]);
  });

  t.test('a counter-clockwise hole is rewound clockwise; a correct exterior is left alone', async (t) => {
    const result = normalize(
      polygon([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]),
    );
    t.strictSame(
      result.geometry,
      polygon([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]),
    );
    t.match(result.warnings, [/coordinates\[1\]$/]);
  });

  t.test('a polygon already in RFC 7946 order comes back equal and without warnings', async (t) => {
    const input = polygon([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]);
    const result = normalize(input);
    t.strictSame(result.geometry, input);
    t.strictSame(result.warnings, []);
  });
});

t.test('antimeridian crossings', async (t) => {
  t.test('a square crossing 180 twice is split into a MultiPolygon, east part first', async (t) => {
    const result = normalize(polygon([[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]));
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [[[180, 10], [170, 10], [170, -10], [180, -10], [180, 10]]],
        [[[-180, -10], [-170, -10], [-170, 10], [-180, 10], [-180, -10]]],
      ],
    });
    t.strictSame(result.bbox, [170, -10, -170, 10], 'minx > maxx');
    t.match(result.warnings, [/crosses the antimeridian 2 times; split at 180° into 2 parts/]);
  });

  t.test('the crossing latitude is interpolated linearly in lon/lat', async (t) => {
    // (170, 0)→(-175, 30): t = 10 / 15 = 2/3, lat 20. (-175, 30)→(170, 30) runs along 30.
    const result = normalize(polygon([[170, 0], [-175, 30], [170, 30], [170, 0]]));
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [[[180, 30], [170, 30], [170, 0], [180, 20], [180, 30]]],
        [[[-180, 20], [-175, 30], [-180, 30], [-180, 20]]],
      ],
    });
    t.strictSame(result.bbox, [170, 0, -175, 30]);
  });

  t.test('a clockwise crossing ring is rewound first, then split', async (t) => {
    const result = normalize(polygon([[170, -10], [170, 10], [-170, 10], [-170, -10], [170, -10]]));
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [[[180, 10], [170, 10], [170, -10], [180, -10], [180, 10]]],
        [[[-180, -10], [-170, -10], [-170, 10], [-180, 10], [-180, -10]]],
      ],
    });
    t.match(result.warnings, [/rewound/, /split at 180°/]);
  });

  t.test('vertices exactly on +180 and -180 where the ring crosses become the shared seam points', async (t) => {
    const result = normalize(
      polygon([[170, 0], [180, 0], [-170, 0], [-170, 10], [-180, 10], [170, 10], [170, 0]]),
    );
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [[[180, 10], [170, 10], [170, 0], [180, 0], [180, 10]]],
        [[[-180, 0], [-170, 0], [-170, 10], [-180, 10], [-180, 0]]],
      ],
    });
    t.strictSame(result.bbox, [170, 0, -170, 10]);
  });

  t.test('a vertex on +180 between western neighbours becomes -180 and nothing is split', async (t) => {
    const result = normalize(polygon([[-170, 0], [-170, 10], [180, 5], [-170, 0]]));
    t.strictSame(result.geometry, polygon([[-170, 0], [-170, 10], [-180, 5], [-170, 0]]));
    t.strictSame(result.bbox, [-180, 0, -170, 10]);
    t.match(result.warnings, [/vertices on ±180 took the sign of their neighbours .*coordinates\[0\]/]);
  });

  t.test('a vertex on -180 between eastern neighbours becomes +180', async (t) => {
    const result = normalize(polygon([[170, 0], [-180, 5], [170, 10], [170, 0]]));
    t.strictSame(result.geometry, polygon([[170, 0], [180, 5], [170, 10], [170, 0]]));
    t.strictSame(result.bbox, [170, 0, 180, 10]);
  });

  t.test('a ring stitched along the antimeridian (down +180, up -180) loses the seam when split', async (t) => {
    // As io-lulc's 60W-2023 does: the two halves joined into one ring through a slit on ±180.
    const result = normalize(
      polygon([[-170, 10], [-170, 0], [170, 0], [170, 10], [180, 10], [180, 0], [-180, 0], [-180, 10], [-170, 10]]),
    );
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [[[180, 10], [170, 10], [170, 0], [180, 0], [180, 10]]],
        [[[-180, 0], [-170, 0], [-170, 10], [-180, 10], [-180, 0]]],
      ],
    });
    t.strictSame(result.bbox, [170, 0, -170, 10]);
  });

  t.test('a hole that does not cross goes with the part that contains it', async (t) => {
    const result = normalize(
      polygon(
        [[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]],
        [[172, -2], [172, 2], [176, 2], [176, -2], [172, -2]],
      ),
    );
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [
          [[180, 10], [170, 10], [170, -10], [180, -10], [180, 10]],
          [[172, -2], [172, 2], [176, 2], [176, -2], [172, -2]],
        ],
        [[[-180, -10], [-170, -10], [-170, 10], [-180, 10], [-180, -10]]],
      ],
    });
  });

  t.test('a hole that crosses becomes a notch in each part', async (t) => {
    const result = normalize(
      polygon(
        [[160, -10], [-160, -10], [-160, 10], [160, 10], [160, -10]],
        [[175, -2], [175, 2], [-175, 2], [-175, -2], [175, -2]],
      ),
    );
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [[[180, 10], [160, 10], [160, -10], [180, -10], [180, -2], [175, -2], [175, 2], [180, 2], [180, 10]]],
        [[[-180, -10], [-160, -10], [-160, 10], [-180, 10], [-180, 2], [-175, 2], [-175, -2], [-180, -2], [-180, -10]]],
      ],
    });
    t.strictSame(result.bbox, [160, -10, -160, 10]);
  });

  t.test('each polygon of a MultiPolygon is split; the parts are flattened in order', async (t) => {
    const result = normalize({
      type: 'MultiPolygon',
      coordinates: [
        [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]],
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
      ],
    });
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [[[180, 10], [170, 10], [170, -10], [180, -10], [180, 10]]],
        [[[-180, -10], [-170, -10], [-170, 10], [-180, 10], [-180, -10]]],
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
      ],
    });
    // The parts touch +180 and -180, so the box runs east from 0 across 180 to -170.
    t.strictSame(result.bbox, [0, -10, -170, 10]);
  });

  t.test('rings spanning -180..180 with no crossing edge stay as they are', async (t) => {
    const world = polygon([[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]);
    t.strictSame(normalize(world).geometry, world);
    t.strictSame(normalize(world).bbox, [-180, -90, 180, 90]);
    const band = polygon([[-180, -10], [0, -10], [180, -10], [180, 10], [0, 10], [-180, 10], [-180, -10]]);
    t.strictSame(normalize(band).geometry, band);
    t.strictSame(normalize(band).bbox, [-180, -10, 180, 10]);
  });
});

t.test('rings round a pole (odd number of crossings)', async (t) => {
  t.test('a ring round the north pole is closed over it', async (t) => {
    // (90, 80)→(-150, 70): t = 90 / 120 = 0.75, lat 80 - 0.75 × 10 = 72.5.
    const result = normalize(polygon([[-150, 70], [-30, 75], [90, 80], [-150, 70]]));
    t.strictSame(
      result.geometry,
      polygon([[-180, 72.5], [-150, 70], [-30, 75], [90, 80], [180, 72.5], [180, 90], [-180, 90], [-180, 72.5]]),
    );
    t.strictSame(result.bbox, [-180, 70, 180, 90]);
    t.match(result.warnings, [/crosses the antimeridian 1 time, closed over the north pole/]);
  });

  t.test('the same ring wound westward is rewound so the nearer (north) pole is inside', async (t) => {
    const result = normalize(polygon([[-150, 70], [90, 80], [-30, 75], [-150, 70]]));
    t.strictSame(
      result.geometry,
      polygon([[-180, 72.5], [-150, 70], [-30, 75], [90, 80], [180, 72.5], [180, 90], [-180, 90], [-180, 72.5]]),
    );
    t.match(result.warnings, [/rewound/, /north pole/]);
  });

  t.test('a ring round the south pole is closed over it', async (t) => {
    // (-150, -70)→(90, -80) crosses westward: t = 30 / 120 = 0.25, lat -72.5.
    const result = normalize(polygon([[-150, -70], [90, -80], [-30, -75], [-150, -70]]));
    t.strictSame(
      result.geometry,
      polygon([[180, -72.5], [90, -80], [-30, -75], [-150, -70], [-180, -72.5], [-180, -90], [180, -90], [180, -72.5]]),
    );
    t.strictSame(result.bbox, [-180, -90, 180, -70]);
    t.match(result.warnings, [/south pole/]);
  });

  t.test('a ring round the north pole crossing three times gives a polar cap and a sliver', async (t) => {
    // Crossings: (170,70)→(-170,72) at 71, (-170,72)→(170,74) at 73, (170,74)→(-170,76) at 75.
    const result = normalize(
      polygon([[-90, 70], [0, 70], [90, 70], [170, 70], [-170, 72], [170, 74], [-170, 76], [-90, 76], [-90, 70]]),
    );
    t.strictSame(result.geometry, {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [-180, 75], [-170, 76], [-90, 76], [-90, 70], [0, 70], [90, 70], [170, 70], [180, 71], [180, 73],
            [170, 74], [180, 75], [180, 90], [-180, 90], [-180, 75],
          ],
        ],
        [[[-180, 71], [-170, 72], [-180, 73], [-180, 71]]],
      ],
    });
    t.strictSame(result.bbox, [-180, 70, 180, 90]);
  });
});

t.test('lines and points', async (t) => {
  t.test('a LineString crossing 180 becomes a MultiLineString', async (t) => {
    const result = normalize({ type: 'LineString', coordinates: [[170, 0], [-170, 10]] });
    t.strictSame(result.geometry, {
      type: 'MultiLineString',
      coordinates: [
        [[170, 0], [180, 5]],
        [[-180, 5], [-170, 10]],
      ],
    });
    t.strictSame(result.bbox, [170, 0, -170, 10]);
    t.match(result.warnings, [/line coordinates crosses the antimeridian 1 time/]);
  });

  t.test('a LineString that does not cross is kept', async (t) => {
    const line: Geometry = { type: 'LineString', coordinates: [[10, 0], [20, 5], [15, 10]] };
    t.strictSame(normalize(line), { geometry: line, bbox: [10, 0, 20, 10], warnings: [] });
  });

  t.test('Point and MultiPoint are accepted; heights are kept', async (t) => {
    t.strictSame(normalize({ type: 'Point', coordinates: [12.5, 41.9, 20] }).bbox, [12.5, 41.9, 12.5, 41.9]);
    const points: Geometry = { type: 'MultiPoint', coordinates: [[1, 2], [3, -4]] };
    t.strictSame(normalize(points), { geometry: points, bbox: [1, -4, 3, 2], warnings: [] });
  });

  t.test('a GeometryCollection is normalised member by member', async (t) => {
    const result = normalize({
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [175, 1] },
        { type: 'Polygon', coordinates: [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]] },
      ],
    });
    t.strictSame(result.geometry, {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [175, 1] },
        {
          type: 'MultiPolygon',
          coordinates: [
            [[[180, 10], [170, 10], [170, -10], [180, -10], [180, 10]]],
            [[[-180, -10], [-170, -10], [-170, 10], [-180, 10], [-180, -10]]],
          ],
        },
      ],
    });
    t.strictSame(result.bbox, [170, -10, -170, 10]);
  });

  t.test('heights in positions are interpolated at the split', async (t) => {
    const result = normalize({ type: 'LineString', coordinates: [[170, 0, 100], [-170, 10, 300]] });
    t.strictSame(result.geometry, {
      type: 'MultiLineString',
      coordinates: [
        [[170, 0, 100], [180, 5, 200]],
        [[-180, 5, 200], [-170, 10, 300]],
      ],
    });
  });
});

t.test('longitudes just past ±180 and latitudes past ±90', async (t) => {
  t.test('a longitude at most 0.01° beyond ±180 is clamped, with a warning', async (t) => {
    const result = normalize(polygon([[-180.005, 0], [-179, 0], [-179, 1], [-180.005, 1], [-180.005, 0]]));
    t.strictSame(result.geometry, polygon([[-180, 0], [-179, 0], [-179, 1], [-180, 1], [-180, 0]]));
    t.strictSame(result.bbox, [-180, 0, -179, 1]);
    t.match(result.warnings, [/3 longitudes up to 0\.005° beyond ±180 .* clamped to ±180, first at coordinates\[0\]\[0\]/]);
  });

  t.test('exactly 180.01 is still clamped', async (t) => {
    t.strictSame(normalize({ type: 'Point', coordinates: [180.01, 0] }).geometry, {
      type: 'Point',
      coordinates: [180, 0],
    });
  });

  t.test('a longitude farther out is refused with its position', async (t) => {
    refuses(
      t,
      () => normalize(polygon([[0, 0], [10, 0], [-180.02, 10], [0, 0]])),
      'InvalidGeometry',
      /coordinates\[0\]\[2\] has longitude -180\.02, outside \[-180, 180\] by more than 0\.01°/,
    );
  });

  t.test('a latitude outside ±90 is refused, hinting at swapped axes', async (t) => {
    refuses(
      t,
      () => normalize({ type: 'LineString', coordinates: [[0, 0], [45, 90.5]] }),
      'InvalidGeometry',
      /coordinates\[1\] has latitude 90\.5, outside \[-90, 90\]; longitude and latitude look swapped/,
    );
  });
});

t.test('invalid geometries are refused with the reason', async (t) => {
  t.test('a bow-tie', async (t) => {
    refuses(
      t,
      () => normalize(polygon([[0, 0], [10, 10], [10, 0], [0, 10], [0, 0]])),
      'InvalidGeometry',
      /ring coordinates\[0\] intersects itself: edge 0 \(0, 0\)–\(10, 10\) crosses edge 2 \(10, 0\)–\(0, 10\) at \(5, 5\)/,
    );
  });

  t.test('a bow-tie read across the antimeridian', async (t) => {
    refuses(
      t,
      () => normalize(polygon([[170, 0], [-170, 10], [-170, 0], [170, 10], [170, 0]])),
      'InvalidGeometry',
      /ring coordinates\[0\] intersects itself \(read across the antimeridian\): edge 0 \(170, 0\)–\(-170, 10\) crosses edge 2 \(-170, 0\)–\(170, 10\) at \(180, 5\)/,
    );
  });

  t.test('an unclosed ring', async (t) => {
    refuses(
      t,
      () => normalize(polygon([[0, 0], [10, 0], [10, 10], [0, 10]])),
      'InvalidGeometry',
      /ring coordinates\[0\] is not closed: its first position \(0, 0\) differs from its last \(0, 10\)/,
    );
  });

  t.test('a 3-point ring', async (t) => {
    refuses(
      t,
      () => normalize(polygon([[0, 0], [10, 0], [0, 0]])),
      'InvalidGeometry',
      /ring coordinates\[0\] has 3 positions; a linear ring needs at least 4/,
    );
  });

  t.test('a ring whose corners are all on one line', async (t) => {
    refuses(
      t,
      () => normalize(polygon([[0, 0], [5, 5], [10, 10], [0, 0]])),
      'InvalidGeometry',
      /ring coordinates\[0\] has zero area/,
    );
  });

  t.test('a spike that folds back on itself', async (t) => {
    refuses(
      t,
      () => normalize(polygon([[0, 0], [10, 0], [10, 10], [10, 5], [0, 10], [0, 0]])),
      'InvalidGeometry',
      /ring coordinates\[0\] intersects itself: edge \d .* (runs back along|touches) edge \d/,
    );
  });

  t.test('a hole outside its exterior', async (t) => {
    refuses(
      t,
      () =>
        normalize(polygon([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], [[20, 20], [20, 22], [22, 22], [22, 20], [20, 20]])),
      'InvalidGeometry',
      /ring coordinates\[1\], a hole, is not inside its exterior ring coordinates\[0\]/,
    );
  });

  t.test('overlapping parts of a MultiPolygon', async (t) => {
    refuses(
      t,
      () =>
        normalize({
          type: 'MultiPolygon',
          coordinates: [
            [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]],
            [[[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]],
          ],
        }),
      'InvalidGeometry',
      /polygons with exteriors ring coordinates\[0\]\[0\] and ring coordinates\[1\]\[0\] overlap/,
    );
  });

  t.test('a Polygon nested like a MultiPolygon', async (t) => {
    refuses(
      t,
      () => normalize({ type: 'Polygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] }),
      'InvalidGeometry',
      /coordinates of a Polygon is nested 4 levels deep, like a MultiPolygon/,
    );
  });

  t.test('a MultiPolygon nested like a Polygon', async (t) => {
    refuses(
      t,
      () => normalize({ type: 'MultiPolygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }),
      'InvalidGeometry',
      /nested 3 levels deep, like a Polygon or MultiLineString .*; a MultiPolygon needs 4 levels/,
    );
  });

  t.test('a position that is not numbers', async (t) => {
    refuses(
      t,
      () => normalize({ type: 'LineString', coordinates: [[0, 0], ['1', 2]] }),
      'InvalidGeometry',
      /coordinates\[1\] must be a position of 2 or more finite numbers/,
    );
  });

  t.test('an unknown type, a Feature passed as a geometry, a missing geometry', async (t) => {
    refuses(t, () => normalize({ type: 'Circle', coordinates: [0, 0] }), 'InvalidGeometry', /not a GeoJSON geometry type/);
    refuses(
      t,
      () => normalize({ type: 'Feature', geometry: null, properties: {} }),
      'InvalidGeometry',
      /type "Feature", which is not a GeoJSON geometry type/,
    );
    refuses(t, () => normalize(undefined), 'InvalidGeometry', /geometry is missing/);
    refuses(t, () => normalize('POINT (0 0)'), 'InvalidGeometry', /must be a GeoJSON geometry object or null/);
  });

  t.test('the error carries the path for machines', async (t) => {
    try {
      normalize(polygon([[0, 0], [10, 0], [10, 95], [0, 0]]));
      t.fail('expected a throw');
    } catch (error) {
      t.strictSame((error as InvalidStacError).details, { path: 'coordinates[0][2]' });
    }
  });
});

t.test('limits and null geometries', async (t) => {
  t.test('more than maxVertices positions is GeometryTooLarge', async (t) => {
    const ring = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
    refuses(
      t,
      () => normalizeFootprint(polygon(ring), { maxVertices: 4 }),
      'GeometryTooLarge',
      /geometry has 5 positions; at most 4 are accepted/,
    );
    t.ok(normalizeFootprint(polygon(ring), { maxVertices: 5 }).geometry, 'exactly the limit is fine');
  });

  t.test('a null geometry keeps the original bbox, or none', async (t) => {
    t.strictSame(normalize(null, [1, 2, 3, 4]), { geometry: null, bbox: [1, 2, 3, 4], warnings: [] });
    t.strictSame(normalize(null), { geometry: null, bbox: null, warnings: [] });
    t.strictSame(normalize(null, null), { geometry: null, bbox: null, warnings: [] });
  });

  t.test('empty coordinates are read as no geometry, with a warning', async (t) => {
    const result = normalize({ type: 'MultiPolygon', coordinates: [] }, [0, 0, 1, 1]);
    t.strictSame(result.geometry, null);
    t.strictSame(result.bbox, [0, 0, 1, 1]);
    t.match(result.warnings, [/geometry has empty coordinates and is read as no geometry/]);
  });

  t.test('a 3-D original bbox keeps its height range around the recomputed extent', async (t) => {
    const result = normalize(polygon([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]), [-1, -1, 100, 11, 11, 250]);
    t.strictSame(result.bbox, [0, 0, 100, 10, 10, 250]);
  });

  t.test('the input is not mutated', async (t) => {
    const input = polygon([[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]);
    const copy = structuredClone(input);
    normalize(input);
    t.strictSame(input, copy);
  });

  t.test('a 10,000-vertex ring crossing the antimeridian is split quickly', async (t) => {
    const ring: Position[] = [];
    // 9,996 corners plus the closing repeat, within the limit; a multiple of 4 puts corners at 175 and -175.
    const count = 9_996;
    for (let i = 0; i < count; i += 1) {
      const angle = (2 * Math.PI * i) / count;
      ring.push([wrap(180 + 5 * Math.cos(angle)), 5 * Math.sin(angle)]);
    }
    ring.push(ring[0] as Position);
    const started = performance.now();
    const result = normalize(polygon(ring));
    const elapsedMs = performance.now() - started;
    t.equal(result.geometry?.type, 'MultiPolygon');
    const [minLon, minLat, maxLon, maxLat] = result.bbox as number[];
    t.strictSame([minLon, maxLon], [175, -175]);
    t.ok(Math.abs((minLat as number) + 5) < 1e-12 && Math.abs((maxLat as number) - 5) < 1e-12, 'latitudes ±5');
    t.ok(elapsedMs < 2_000, `took ${elapsedMs.toFixed(0)} ms`);
  });
});

function wrap(lon: number): number {
  return lon > 180 ? lon - 360 : lon;
}
