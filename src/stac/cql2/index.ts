/**
 * CQL2 (OGC 21-065r2) for the STAC API filter extension: text and JSON parsed into one typed AST,
 * a printer back to text, and the property names a filter uses. Pure: no SQL, no I/O; compiling
 * the AST to a query is `catalog/`'s business.
 */
export type * from './cql2-ast.js';
export {
  CQL2_ARITHMETIC_OPERATORS,
  CQL2_ARRAY_OPERATORS,
  CQL2_COMPARISON_OPERATORS,
  CQL2_SPATIAL_OPERATORS,
  CQL2_TEMPORAL_OPERATORS,
} from './cql2-ast.js';
export { CQL2_LIMITS, type Cql2Limits } from './cql2-limits.js';
export { cql2ToText } from './cql2-to-text.js';
export { parseCql2Json } from './parse-cql2-json.js';
export { parseCql2Text } from './parse-cql2-text.js';
export { propertiesOf } from './properties-of.js';
