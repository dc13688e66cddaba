import { InvalidRequestError } from '../../errors.js';
import type { PixelToCrs } from './image-outline.js';
import type { Gcp } from './read-geotiff-header.js';

/** A polynomial fitted to ground control points, and how far the points lie from it. */
export interface GcpFit {
  toCrs: PixelToCrs;
  order: 1 | 2;
  /** Root mean square of the residuals at the GCPs, in CRS units. */
  rmsResidual: number;
}

/**
 * Fit x and y in the CRS as polynomials of the pixel position (col, row) by least squares, as GDAL's
 * default GCP transformer does: second order from 6 points on, first order (affine) from 3. Pixel
 * coordinates are scaled to about 1 before fitting so the normal equations stay well conditioned.
 * The result is approximate between and beyond the points; eopool marks footprints made with it.
 *
 * @throws InvalidRequestError `GeoTiffNoGeoreference` with fewer than 3 points, or points in a line
 */
export function fitGcpPolynomial(gcps: readonly Gcp[]): GcpFit {
  if (gcps.length < 3) throw noFit(`${gcps.length} ground control point${gcps.length === 1 ? '' : 's'}`);
  const order = gcps.length >= 6 ? 2 : 1;
  const scale = Math.max(1, ...gcps.map((g) => Math.max(Math.abs(g.col), Math.abs(g.row))));
  const terms = (col: number, row: number): number[] => {
    const c = col / scale;
    const r = row / scale;
    return order === 2 ? [1, c, r, c * c, c * r, r * r] : [1, c, r];
  };
  const rows = gcps.map((g) => terms(g.col, g.row));
  const xs = solveLeastSquares(rows, gcps.map((g) => g.x));
  const ys = solveLeastSquares(rows, gcps.map((g) => g.y));
  if (xs === null || ys === null) throw noFit('ground control points that do not span the image (they lie in a line)');
  const dot = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
  const toCrs: PixelToCrs = (col, row) => {
    const t = terms(col, row);
    return [dot(t, xs), dot(t, ys)];
  };
  const squared = gcps.reduce((sum, g) => {
    const [x, y] = toCrs(g.col, g.row);
    return sum + (x - g.x) ** 2 + (y - g.y) ** 2;
  }, 0);
  return { toCrs, order, rmsResidual: Math.sqrt(squared / gcps.length) };
}

/** Solve the normal equations AᵀA·c = Aᵀb by Gaussian elimination with partial pivoting; null when singular. */
function solveLeastSquares(a: number[][], b: number[]): number[] | null {
  const n = a[0]!.length;
  const m = Array.from({ length: n }, (_, i) => [
    ...Array.from({ length: n }, (_, j) => a.reduce((sum, row) => sum + row[i]! * row[j]!, 0)),
    a.reduce((sum, row, k) => sum + row[i]! * b[k]!, 0),
  ]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = m[r]![col]! / m[col]![col]!;
      for (let k = col; k <= n; k++) m[r]![k]! -= factor * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function noFit(what: string): InvalidRequestError {
  return new InvalidRequestError('GeoTiffNoGeoreference', `the file is georeferenced only by ${what}: no footprint can be fitted`);
}
