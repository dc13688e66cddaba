/**
 * Footprint normalisation: the rules that make an item's geometry right for PostGIS and for search across the
 * antimeridian (winding, clamping, splitting at 180°, closing over a pole, validity, bbox). Pure: no I/O.
 */
export { normalizeFootprint } from './normalize-footprint.js';
export type { NormalizedFootprint, NormalizeFootprintOptions } from './normalize-footprint.js';
export { bboxOfGeometry } from './bbox-of-geometry.js';
export { totalVertices } from './total-vertices.js';
export { LONGITUDE_CLAMP_TOLERANCE_DEG } from './parse-geometry.js';
