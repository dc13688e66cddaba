import { InvalidStacError } from '../../errors.js';

/** Where a value sits inside a geometry, e.g. `['coordinates', 0, 3]` or `['geometries', 1, 'coordinates', 0]`. */
export type GeometryPath = ReadonlyArray<string | number>;

/**
 * Formats a path the way a JSON reader would type it: `coordinates[0][3]`, `geometries[1].coordinates[0]`.
 * An empty path names the geometry itself.
 */
export function formatGeometryPath(path: GeometryPath): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text === '' ? step : `.${step}`;
  }
  return text === '' ? 'geometry' : text;
}

/**
 * The one error this module throws for a malformed or OGC-invalid footprint: an `InvalidStacError` with code
 * `InvalidGeometry`. The description states what is wrong and where, because the sender has to fix the item and
 * the rejected-items table keeps only this text; `details.path` repeats the location for machines.
 */
export function invalidGeometry(description: string, path?: GeometryPath): InvalidStacError {
  return new InvalidStacError(
    'InvalidGeometry',
    description,
    path === undefined ? undefined : { path: formatGeometryPath(path) },
  );
}

/** Formats a position for a message: `(179.9, 60.95)`. */
export function formatPosition(position: ReadonlyArray<number>): string {
  return `(${position[0]}, ${position[1]})`;
}
