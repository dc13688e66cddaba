import type { Geometry } from 'geojson';
import type { AggregateRequest, AggregationName, DatetimeInterval, SearchRequest } from '../catalog/index.js';
import { AGGREGATIONS } from '../catalog/index.js';
import type { Limits } from '../config.js';
import { EopoolError, InvalidRequestError } from '../errors.js';
import { normalizeFootprint } from '../ingest/footprint/index.js';
import type { Cql2Expression } from '../stac/cql2/index.js';
import { mapCql2Geometries } from '../stac/search/map-cql2-geometries.js';
import { parseBbox } from '../stac/search/parse-bbox.js';
import { parseDatetimeParameter } from '../stac/search/parse-datetime.js';
import { type FieldsSpec, parseFields } from '../stac/search/parse-fields.js';
import { type ParameterEncoding, parseFilter } from '../stac/search/parse-filter.js';
import { parseLimit } from '../stac/search/parse-limit.js';
import { parseQueryExtension } from '../stac/search/parse-query-extension.js';
import { parseSortby } from '../stac/search/parse-sortby.js';
import { parseStringList } from '../stac/search/parse-string-list.js';

/** A search as received: GET query strings or a POST body, by parameter name. */
export type RawSearch = Record<string, unknown>;

/** A parsed search and the fields extension's choice, which shapes the answer, not the query. */
export interface SearchParameters {
  request: SearchRequest;
  fields: FieldsSpec | null;
}

/**
 * Parse the item search parameters of GET /search, POST /search or GET /collections/{c}/items
 * (`scope`: that collection, which replaces `collections`) into a SearchRequest. Geometries (the
 * `intersects` parameter and a filter's literals) go through the footprint rules items went through
 * at ingest, so a polygon crossing 180° is split the same way, and the vertex limit applies.
 * Throws a 400 error naming the parameter.
 */
export function searchParameters(raw: RawSearch, encoding: ParameterEncoding, limits: Limits, scope: string | null = null): SearchParameters {
  return {
    request: {
      ...searchFilters(raw, encoding, limits, scope),
      sortby: present(raw.sortby) ? parseSortby(raw.sortby) : [],
      limit: parseLimit(present(raw.limit) ? raw.limit : null, limits.searchLimitMax),
      token: present(raw.token) ? String(raw.token) : null,
    },
    fields: present(raw.fields) ? parseFields(raw.fields) : null,
  };
}

const INTERVALS: readonly DatetimeInterval[] = ['day', 'month', 'year'];

/**
 * Parse /aggregate's parameters: the search's conditions, `aggregations` (a list; default all) and
 * `datetime_frequency_interval` (day, month or year; default month). Throws InvalidAggregation for
 * an unknown name or interval.
 */
export function aggregateParameters(raw: RawSearch, encoding: ParameterEncoding, limits: Limits, scope: string | null = null): AggregateRequest {
  const names = present(raw.aggregations) ? parseStringList(raw.aggregations, 'aggregations') : AGGREGATIONS.map((a) => a.name);
  const unknown = names.find((n) => !AGGREGATIONS.some((a) => a.name === n));
  if (unknown !== undefined) {
    throw new InvalidRequestError('InvalidAggregation', `"${unknown}" is not an aggregation of eopool (see /aggregations)`);
  }
  const interval = raw.datetime_frequency_interval ?? 'month';
  if (!INTERVALS.includes(interval as DatetimeInterval)) {
    throw new InvalidRequestError('InvalidAggregation', `datetime_frequency_interval must be day, month or year, got ${JSON.stringify(interval)}`);
  }
  return { ...searchFilters(raw, encoding, limits, scope), aggregations: names as AggregationName[], datetimeInterval: interval as DatetimeInterval };
}

function searchFilters(raw: RawSearch, encoding: ParameterEncoding, limits: Limits, scope: string | null): Omit<SearchRequest, 'limit' | 'token' | 'sortby'> {
  if (present(raw.bbox) && present(raw.intersects)) {
    throw new InvalidRequestError('InvalidParameter', 'bbox and intersects cannot be used together; give one of them');
  }
  const filters = [
    present(raw.filter) ? parseFilter(raw.filter, raw['filter-lang'], raw['filter-crs'], encoding) : null,
    present(raw.query) ? parseQueryExtension(raw.query) : null,
  ].filter((f): f is Cql2Expression => f !== null);
  const filter: Cql2Expression | null = filters.length === 0 ? null : filters.length === 1 ? (filters[0] as Cql2Expression) : { kind: 'and', args: filters };
  return {
    collections: scope !== null ? [scope] : present(raw.collections) ? parseStringList(raw.collections, 'collections') : null,
    ids: present(raw.ids) ? parseStringList(raw.ids, 'ids') : null,
    bbox: present(raw.bbox) ? parseBbox(raw.bbox) : null,
    intersects: present(raw.intersects) ? queryGeometry(raw.intersects, 'intersects', limits.geometryVertices) : null,
    datetime: present(raw.datetime) ? parseDatetimeParameter(raw.datetime) : null,
    filter:
      filter === null
        ? null
        : mapCql2Geometries(filter, (node) => ({ ...node, geometry: queryGeometry(node.geometry, 'filter', limits.geometryVertices) })),
  };
}

/** Absent, null and (in GET) an empty value all mean "not given". */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * A query geometry (GeoJSON, or its JSON text in GET) checked and normalised like an item's
 * footprint: RFC 7946 structure, at most `maxVertices` positions, split at the antimeridian.
 * Throws InvalidGeometry or GeometryTooLarge naming `parameter`.
 */
function queryGeometry(raw: unknown, parameter: string, maxVertices: number): Geometry {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch (error) {
      throw new InvalidRequestError('InvalidGeometry', `${parameter} is not GeoJSON: ${(error as Error).message}`);
    }
  }
  let geometry: Geometry | null;
  try {
    geometry = normalizeFootprint(value, { maxVertices }).geometry;
  } catch (error) {
    if (!(error instanceof EopoolError)) throw error;
    const code = error.code === 'GeometryTooLarge' ? 'GeometryTooLarge' : 'InvalidGeometry';
    throw new InvalidRequestError(code, `${parameter}: ${error.description}`);
  }
  if (geometry === null) throw new InvalidRequestError('InvalidGeometry', `${parameter} is an empty geometry, which nothing intersects`);
  return geometry;
}
