import type { Geometry } from 'geojson';
import type { Cql2Expression } from '../../stac/cql2/index.js';
import type { Bbox2d } from '../../stac/search/parse-bbox.js';
import type { TimeInterval } from '../../stac/search/parse-datetime.js';
import type { SortKey } from '../../stac/search/parse-sortby.js';

/**
 * A parsed, validated item search: every field is already checked for shape (geometries normalised,
 * CQL2 parsed), so compiling it fails only on names that are not queryables or operands of the
 * wrong type. All conditions hold together (AND).
 */
export interface SearchRequest {
  collections: string[] | null;
  ids: string[] | null;
  bbox: Bbox2d | null;
  /** Already split at the antimeridian. */
  intersects: Geometry | null;
  datetime: TimeInterval | null;
  /** The `filter` and the `query` object together, as one CQL2 expression. */
  filter: Cql2Expression | null;
  /** Empty: the default order (datetime descending). Collection and id always end the order. */
  sortby: SortKey[];
  limit: number;
  /** Continue after (or, for a previous page, before) the position of this token. */
  token: string | null;
}
