/**
 * Request and response schemas of /freshest. Values the domain parses itself (areas, times) stay
 * strings or loose objects, so that its errors (`InvalidArea`, `InvalidSince`) name the problem;
 * unknown parameters are refused.
 */

const FILTERS = {
  max_cloud_cover: { type: 'number', minimum: 0, maximum: 100, description: 'largest eo:cloud_cover, %; a scene without one passes only when it is SAR' },
  sensor: { type: 'string', enum: ['optical', 'sar'] },
  min_coverage: { type: 'number', minimum: 0, maximum: 1, default: 0.5, description: 'least share of the area a listed scene covers' },
  since: { type: 'string', description: 'RFC 3339 date-time, or an ISO 8601 duration back from `at` (P7D)' },
  at: { type: 'string', description: 'RFC 3339 date-time ages and next passes count from (default now)' },
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 10, description: 'scenes listed, at most' },
  horizon_hours: { type: 'number', exclusiveMinimum: 0, maximum: 336, default: 48, description: 'next passes within this many hours after `at`' },
} as const;

/** GET /freshest. */
export const FRESHEST_QUERYSTRING = {
  type: 'object',
  additionalProperties: false,
  properties: {
    bbox: { type: 'string', description: 'minx,miny,maxx,maxy; minx > maxx crosses the antimeridian' },
    point: { type: 'string', description: 'lon,lat' },
    members: { type: 'string', description: 'comma-separated member codes (the scenes’ owners, the satellites’ operators)' },
    collections: { type: 'string', description: 'comma-separated collection ids' },
    ...FILTERS,
  },
} as const;

/** POST /freshest. */
export const FRESHEST_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    intersects: { type: 'object', description: 'a GeoJSON Point, Polygon or MultiPolygon (crossing the antimeridian allowed)' },
    bbox: { type: 'array', items: { type: 'number' }, description: 'instead of intersects: 4 numbers' },
    members: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
    collections: { type: 'array', items: { type: 'string' } },
    ...FILTERS,
  },
} as const;

const SCENE_PROPERTIES = {
  id: { type: 'string' },
  collection: { type: 'string' },
  datetime: { type: 'string', format: 'date-time', description: 'its datetime, or the end of its start/end range' },
  coverage: { type: 'number', description: 'share of the area its footprint covers' },
  age_hours: { type: 'number' },
  member: { type: 'string' },
  platform: { type: ['string', 'null'] },
  gsd: { type: ['number', 'null'] },
  cloud_cover: { type: ['number', 'null'] },
  links: { type: 'array', items: { $ref: 'Link#' } },
} as const;

const NEXT_PASS = {
  type: 'object',
  properties: {
    norad_id: { type: 'integer' },
    satellite: { type: 'string' },
    member: { type: ['string', 'null'] },
    sensor: { type: 'string', enum: ['optical', 'sar'] },
    time: { type: 'string', format: 'date-time', description: 'closest approach to the area’s centre' },
    in_hours: { type: 'number' },
    off_nadir_deg: { type: 'number', description: 'off-nadir angle needed to look at the centre' },
    distance_km: { type: 'number' },
    sun_elevation_deg: { type: 'number' },
    sunlit: { type: 'boolean', description: 'the Sun is at least 10° high: an optical image is possible' },
    image_possible: { type: 'boolean' },
  },
} as const;

/** The answer of GET and POST /freshest. */
export const FRESHEST_RESPONSE = {
  type: 'object',
  properties: {
    at: { type: 'string', format: 'date-time' },
    since: { type: ['string', 'null'], format: 'date-time' },
    area: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['Point', 'Polygon', 'MultiPolygon'] },
        area_km2: { type: 'number' },
        centre: { type: 'array', items: { type: 'number' }, description: '[lon, lat] where next passes are predicted' },
      },
    },
    scenes: { type: 'array', items: { type: 'object', properties: SCENE_PROPERTIES } },
    mosaic: {
      type: 'object',
      properties: {
        scenes: {
          type: 'array',
          items: { type: 'object', properties: { ...SCENE_PROPERTIES, added_coverage: { type: 'number', description: 'share of the area it added to the newer scenes’ union' } } },
        },
        coverage: { type: 'number' },
        oldest_age_hours: { type: ['number', 'null'] },
      },
    },
    next_passes: { type: 'array', items: NEXT_PASS },
    warnings: { type: 'array', items: { type: 'string' } },
    links: { type: 'array', items: { $ref: 'Link#' } },
  },
} as const;
