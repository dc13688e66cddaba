import t from 'tap';
import { bboxOfGeometry, totalVertices } from '../../../src/ingest/footprint/index.js';

t.test('bboxOfGeometry', async (t) => {
  t.test('a polygon away from the antimeridian gives its plain extent', async (t) => {
    t.strictSame(
      bboxOfGeometry({ type: 'Polygon', coordinates: [[[10, 5], [20, 5], [20, 15], [10, 15], [10, 5]]] }),
      [10, 5, 20, 15],
    );
  });

  t.test('parts touching +180 and -180 give a box across 180 (minx > maxx)', async (t) => {
    t.strictSame(
      bboxOfGeometry({
        type: 'MultiPolygon',
        coordinates: [
          [[[180, 1], [175, 1], [175, 0], [180, 0], [180, 1]]],
          [[[-180, 0], [-178, 0], [-178, 2], [-180, 2], [-180, 0]]],
        ],
      }),
      [175, 0, -178, 2],
    );
  });

  t.test('the box leaves out the widest longitude gap between the parts', async (t) => {
    // Parts at [170, 180], [-180, -170] and [-20, 20]: gaps -170..-20 (150°) and 20..170 (150°); the first wins.
    t.strictSame(
      bboxOfGeometry({
        type: 'MultiPolygon',
        coordinates: [
          [[[170, 0], [180, 0], [180, 1], [170, 0]]],
          [[[-180, 0], [-170, 0], [-180, 1], [-180, 0]]],
          [[[-20, 0], [20, 0], [20, 1], [-20, 0]]],
        ],
      }),
      [-20, 0, -170, 1],
    );
  });

  t.test('parts near ±180 that do not touch it give a plain box', async (t) => {
    t.strictSame(
      bboxOfGeometry({
        type: 'MultiPolygon',
        coordinates: [
          [[[172, 51], [179, 51], [179, 53], [172, 51]]],
          [[[-179, 51], [-130, 51], [-130, 71], [-179, 51]]],
        ],
      }),
      [-179, 51, 179, 71],
    );
  });

  t.test('a part spanning -180..180 (a polar cap) gives a plain box', async (t) => {
    t.strictSame(
      bboxOfGeometry({
        type: 'MultiPolygon',
        coordinates: [
          [[[-180, 80], [180, 80], [180, 90], [-180, 90], [-180, 80]]],
          [[[-180, 70], [-170, 71], [-180, 72], [-180, 70]]],
        ],
      }),
      [-180, 70, 180, 90],
    );
  });

  t.test('points and lines count too', async (t) => {
    t.strictSame(bboxOfGeometry({ type: 'Point', coordinates: [3, 4] }), [3, 4, 3, 4]);
    t.strictSame(
      bboxOfGeometry({
        type: 'MultiLineString',
        coordinates: [
          [[170, 0], [180, 5]],
          [[-180, 5], [-170, 10]],
        ],
      }),
      [170, 0, -170, 10],
    );
  });
});

t.test('totalVertices counts every position, closing ones included', async (t) => {
  t.equal(totalVertices(null), 0);
  t.equal(totalVertices({ type: 'Point', coordinates: [0, 0] }), 1);
  t.equal(totalVertices({ type: 'LineString', coordinates: [[0, 0], [1, 1], [2, 0]] }), 3);
  t.equal(
    totalVertices({
      type: 'MultiPolygon',
      coordinates: [
        [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.2, 0.1], [0.8, 0.1], [0.8, 0.5], [0.2, 0.1]]],
        [[[5, 5], [6, 5], [6, 6], [5, 5]]],
      ],
    }),
    12,
  );
  t.equal(
    totalVertices({
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [0, 0] },
        { type: 'MultiPoint', coordinates: [[1, 1], [2, 2]] },
      ],
    }),
    3,
  );
});
