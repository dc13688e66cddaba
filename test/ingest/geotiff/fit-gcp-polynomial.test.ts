import t from 'tap';
import { fitGcpPolynomial } from '../../../src/ingest/geotiff/fit-gcp-polynomial.js';

const toleranceCrs = 1e-9;

t.test('three points give the affine transform through them', async (t) => {
  const affine = (col: number, row: number): [number, number] => [500000 + 30 * col + 2 * row, 4000000 - 1 * col - 30 * row];
  const gcps = [[0, 0], [1000, 0], [0, 800]].map(([col, row]) => ({ col: col!, row: row!, x: affine(col!, row!)[0], y: affine(col!, row!)[1] }));
  const fit = fitGcpPolynomial(gcps);
  t.equal(fit.order, 1);
  const [x, y] = fit.toCrs(400, 300);
  t.ok(Math.abs(x - affine(400, 300)[0]) < toleranceCrs && Math.abs(y - affine(400, 300)[1]) < toleranceCrs);
  t.ok(fit.rmsResidual < toleranceCrs);
});

t.test('six or more points give the second-order polynomial through them', async (t) => {
  const curved = (col: number, row: number): [number, number] => [75 + 0.002 * col + 1e-7 * col * row, 11 - 0.002 * row + 2e-8 * col * col];
  const gcps = [];
  for (let col = 0; col <= 1200; col += 300) for (let row = 0; row <= 800; row += 400) gcps.push({ col, row, x: curved(col, row)[0], y: curved(col, row)[1] });
  const fit = fitGcpPolynomial(gcps);
  t.equal(fit.order, 2);
  const [x, y] = fit.toCrs(1280, 837);
  t.ok(Math.abs(x - curved(1280, 837)[0]) < 1e-9 && Math.abs(y - curved(1280, 837)[1]) < 1e-9, 'exact beyond the points too');
});

t.test('too few points, or points in a line, fit nothing', async (t) => {
  t.throws(() => fitGcpPolynomial([{ col: 0, row: 0, x: 1, y: 1 }]), { code: 'GeoTiffNoGeoreference', message: /1 ground control point:/ });
  const line = [0, 1, 2, 3].map((i) => ({ col: i * 10, row: i * 10, x: i, y: i }));
  t.throws(() => fitGcpPolynomial(line), { code: 'GeoTiffNoGeoreference', message: /lie in a line/ });
});
