/**
 * Request and response schemas of item search (GET and POST /search, GET /collections/{c}/items)
 * and of /aggregate. Values are left loosely typed where eopool's own parsers give the better
 * error (`InvalidBbox`, `InvalidLimit`, `InvalidDatetime`, each naming the parameter); unknown
 * parameters are refused.
 */

const CONDITION_QUERY = {
  bbox: { type: 'string', description: 'minx,miny,maxx,maxy or with heights (6 numbers); minx > maxx crosses the antimeridian' },
  intersects: { type: 'string', description: 'a GeoJSON geometry (JSON text); not together with bbox' },
  datetime: { type: 'string', description: 'an RFC 3339 instant or interval a/b, open ends as .. or empty' },
  ids: { type: 'string', description: 'comma-separated item ids' },
  filter: { type: 'string', description: 'a CQL2 filter (text by default)' },
  'filter-lang': { type: 'string', enum: ['cql2-text', 'cql2-json'] },
  'filter-crs': { type: 'string', description: 'only http://www.opengis.net/def/crs/OGC/1.3/CRS84' },
  query: { type: 'string', description: 'a query extension object (JSON text)' },
} as const;

const PAGE_QUERY = {
  limit: { type: 'string', description: 'page size, an integer of at least 1 (default 10; above the maximum acts as the maximum)' },
  token: { type: 'string', description: 'opaque paging token from a next or prev link' },
  sortby: { type: 'string', description: 'sort keys, e.g. -properties.datetime,+id' },
  fields: { type: 'string', description: 'fields to include or (with -) exclude, e.g. id,-geometry' },
} as const;

/** GET /collections/{c}/items: the search parameters but `collections` (the path names it). */
export const ITEMS_QUERYSTRING = {
  type: 'object',
  additionalProperties: false,
  properties: { ...CONDITION_QUERY, ...PAGE_QUERY },
} as const;

/** GET /search. */
export const SEARCH_QUERYSTRING = {
  type: 'object',
  additionalProperties: false,
  properties: { ...CONDITION_QUERY, collections: { type: 'string', description: 'comma-separated collection ids' }, ...PAGE_QUERY },
} as const;

const CONDITION_BODY = {
  bbox: { type: 'array', items: { type: 'number' }, description: '4 or 6 numbers; minx > maxx crosses the antimeridian' },
  intersects: { type: 'object', description: 'a GeoJSON geometry; not together with bbox' },
  datetime: { type: 'string', description: 'an RFC 3339 instant or interval a/b, open ends as .. or empty' },
  ids: { type: 'array', items: { type: 'string' } },
  collections: { type: 'array', items: { type: 'string' } },
  filter: { description: 'CQL2 JSON (or CQL2 text as a string with filter-lang cql2-text)' },
  'filter-lang': { type: 'string', enum: ['cql2-text', 'cql2-json'] },
  'filter-crs': { type: 'string' },
  query: { type: 'object', description: 'query extension: {"property": {"op": value}}' },
} as const;

/** POST /search. */
export const SEARCH_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...CONDITION_BODY,
    limit: { description: 'page size, an integer of at least 1 (default 10)' },
    token: { type: 'string' },
    sortby: { type: 'array', items: { type: 'object' }, description: '[{"field": name, "direction": "asc" | "desc"}]' },
    fields: { type: 'object', description: '{"include": [..], "exclude": [..]}' },
  },
} as const;

const AGGREGATE_EXTRA = {
  aggregations: { type: 'string', description: 'comma-separated aggregation names (default: all of /aggregations)' },
  datetime_frequency_interval: { type: 'string', enum: ['day', 'month', 'year'], description: 'bucket of datetime_frequency (default month)' },
} as const;

/** GET /aggregate. */
export const AGGREGATE_QUERYSTRING = {
  type: 'object',
  additionalProperties: false,
  properties: { ...CONDITION_QUERY, collections: { type: 'string', description: 'comma-separated collection ids' }, ...AGGREGATE_EXTRA },
} as const;

/** GET /collections/{c}/aggregate: the path names the collection. */
export const COLLECTION_AGGREGATE_QUERYSTRING = {
  type: 'object',
  additionalProperties: false,
  properties: { ...CONDITION_QUERY, ...AGGREGATE_EXTRA },
} as const;

const AGGREGATE_BODY_EXTRA = {
  aggregations: { type: 'array', items: { type: 'string' } },
  datetime_frequency_interval: AGGREGATE_EXTRA.datetime_frequency_interval,
} as const;

/** POST /aggregate. */
export const AGGREGATE_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { ...CONDITION_BODY, ...AGGREGATE_BODY_EXTRA },
} as const;

/** POST /collections/{c}/aggregate. */
export const COLLECTION_AGGREGATE_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { ...Object.fromEntries(Object.entries(CONDITION_BODY).filter(([name]) => name !== 'collections')), ...AGGREGATE_BODY_EXTRA },
} as const;

/** A page of items. Sent as prepared JSON text, so this documents the answer rather than shaping it. */
export const ITEM_COLLECTION = {
  type: 'object',
  description: 'A GeoJSON FeatureCollection of STAC Items, with next/prev links and counts',
  required: ['type', 'features', 'links', 'numberReturned'],
  properties: {
    type: { const: 'FeatureCollection' },
    features: { type: 'array', items: { $ref: 'StacDocument#' } },
    links: { type: 'array', items: { $ref: 'Link#' } },
    numberReturned: { type: 'integer' },
    numberMatched: { type: 'integer' },
  },
} as const;
