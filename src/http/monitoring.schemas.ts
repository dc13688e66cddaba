/**
 * Request and response schemas of the territory monitoring routes: observed revisit, gaps, watches
 * and alerts. Times stay strings that the domain parses (its errors name the parameter); unknown
 * parameters and body fields are refused.
 */

export const TERRITORY_PARAMS = {
  type: 'object',
  required: ['territoryId'],
  properties: { territoryId: { type: 'string', minLength: 1 } },
} as const;

export const WATCH_PARAMS = {
  type: 'object',
  required: ['watchId'],
  properties: { watchId: { type: 'string', minLength: 1 } },
} as const;

export const ALERT_PARAMS = {
  type: 'object',
  required: ['alertId'],
  properties: { alertId: { type: 'string', minLength: 1 } },
} as const;

const MAX_CLOUD_COVER = {
  type: 'number',
  minimum: 0,
  maximum: 100,
  description: 'largest eo:cloud_cover, %; a scene without one passes only when it is SAR',
} as const;

export const OBSERVED_QUERYSTRING = {
  type: 'object',
  additionalProperties: false,
  properties: {
    start: { type: 'string', description: 'RFC 3339, or an ISO 8601 duration back from end (default P30D)' },
    end: { type: 'string', description: 'RFC 3339 (default now)' },
    max_cloud_cover: MAX_CLOUD_COVER,
    members: { type: 'string', description: 'comma-separated member codes: only their scenes and satellites' },
  },
} as const;

export const GAPS_QUERYSTRING = {
  type: 'object',
  additionalProperties: false,
  properties: {
    since: { type: 'string', description: 'RFC 3339, or an ISO 8601 duration back from at (default P7D)' },
    at: { type: 'string', description: 'RFC 3339 (default now)' },
    max_cloud_cover: MAX_CLOUD_COVER,
    sensor: { type: 'string', enum: ['optical', 'sar'] },
    format: { type: 'string', enum: ['features', 'grid'], default: 'features', description: 'features: the unimaged parts; grid: cells with the age of their newest scene' },
    cell_km: { type: 'number', minimum: 1, maximum: 1000, default: 25, description: 'grid cell size (format=grid)' },
  },
} as const;

const STATISTICS = { type: 'object', additionalProperties: true, description: 'revisit statistics (see /territories/{t}/revisit)' } as const;

export const OBSERVED_RESPONSE = {
  type: 'object',
  properties: {
    territory: { type: 'string' },
    window: { type: 'object', properties: { start: { type: 'string' }, end: { type: 'string' }, days: { type: 'number' } } },
    grid_km: { type: 'number' },
    points: { type: 'integer' },
    scenes: { type: 'integer', description: 'scenes of the window that cover a grid point' },
    observed: {
      type: 'object',
      properties: { pool: STATISTICS, members: { type: 'object', additionalProperties: STATISTICS } },
    },
    predicted: {
      type: ['object', 'null'],
      properties: {
        mode: { type: 'string' },
        sun_elevation_min_deg: { type: 'number' },
        satellites: { type: 'array', items: { type: 'object', additionalProperties: true } },
        pool: STATISTICS,
        members: { type: 'object', additionalProperties: { anyOf: [STATISTICS, { type: 'null' }] } },
      },
    },
    ratio: { type: ['number', 'null'], description: 'observed visits_per_point / predicted visits_per_point' },
    member_ratios: { type: 'object', additionalProperties: { type: ['number', 'null'] } },
    reason: { type: ['string', 'null'], enum: ['no_tle_for_window', 'no_satellites', 'prediction_too_large', null] },
    warnings: { type: 'array', items: { type: 'string' } },
    links: { type: 'array', items: { $ref: 'Link#' } },
  },
} as const;

const FEATURE = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['Feature'] },
    geometry: { type: 'object', additionalProperties: true },
    properties: { type: 'object', additionalProperties: true },
  },
} as const;

export const GAPS_RESPONSE = {
  type: 'object',
  description: 'A GeoJSON FeatureCollection: the unimaged parts (format=features) or grid cells (format=grid)',
  properties: {
    type: { type: 'string', enum: ['FeatureCollection'] },
    territory: { type: 'string' },
    since: { type: 'string', format: 'date-time' },
    at: { type: 'string', format: 'date-time' },
    format: { type: 'string' },
    area_km2: { type: 'number' },
    stale_area_km2: { type: 'number' },
    stale_share: { type: 'number' },
    scenes: { type: 'integer' },
    cell_km: { type: 'number' },
    cells: { type: 'integer' },
    stale_cells: { type: 'integer', description: 'cells without a scene in [since, at]' },
    features: { type: 'array', items: FEATURE },
    links: { type: 'array', items: { $ref: 'Link#' } },
  },
} as const;

export const WATCH_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['max_age_hours', 'webhook_url', 'secret'],
  properties: {
    max_age_hours: { type: 'number', exclusiveMinimum: 0, maximum: 8760, description: 'a part of the territory without a scene for longer is stale' },
    max_cloud_cover: { ...MAX_CLOUD_COVER, type: ['number', 'null'] },
    sensor: { type: ['string', 'null'], enum: ['optical', 'sar', null] },
    min_stale_share: { type: 'number', minimum: 0, maximum: 0.99, default: 0, description: 'an alert opens when more than this share is stale' },
    webhook_url: { type: 'string', minLength: 1, description: 'http(s) URL of a public host, unless the host is listed in EOPOOL_ALLOWED_HOSTS' },
    secret: { type: 'string', minLength: 16, maxLength: 256, description: 'key of the HMAC-SHA256 signature in X-Eopool-Signature; never shown again' },
  },
} as const;

export const WATCH = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    territory: { type: 'string' },
    member: { type: ['string', 'null'] },
    max_age_hours: { type: 'number' },
    max_cloud_cover: { type: ['number', 'null'] },
    sensor: { type: ['string', 'null'] },
    min_stale_share: { type: 'number' },
    webhook_url: { type: 'string' },
    created: { type: 'string', format: 'date-time' },
    evaluated: { type: ['string', 'null'], format: 'date-time' },
    links: { type: 'array', items: { $ref: 'Link#' } },
  },
} as const;

export const ALERTS_QUERYSTRING = {
  type: 'object',
  additionalProperties: false,
  properties: {
    territory: { type: 'string' },
    state: { type: 'string', enum: ['open', 'closed'] },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
  },
} as const;

const NOTICE = {
  type: ['object', 'null'],
  properties: {
    state: { type: 'string', enum: ['pending', 'delivered', 'failed'], description: 'failed: the last attempt failed and none remain' },
    attempts: { type: 'integer' },
    last_attempt: { type: ['string', 'null'], format: 'date-time' },
    last_status_code: { type: ['integer', 'null'] },
    last_error: { type: ['string', 'null'] },
    next_attempt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const ALERT_PROPERTIES = {
  id: { type: 'string' },
  watch: { type: 'string' },
  territory: { type: 'string' },
  state: { type: 'string', enum: ['open', 'closed'] },
  opened: { type: 'string', format: 'date-time' },
  closed: { type: ['string', 'null'], format: 'date-time' },
  stale_area_km2: { type: 'number', description: 'when the alert opened' },
  stale_share: { type: 'number' },
  current: {
    type: 'object',
    properties: { stale_area_km2: { type: 'number' }, stale_share: { type: 'number' }, evaluated: { type: 'string', format: 'date-time' } },
  },
  notices: { type: 'object', properties: { opened: NOTICE, closed: NOTICE } },
  links: { type: 'array', items: { $ref: 'Link#' } },
} as const;

export const ALERT = { type: 'object', properties: ALERT_PROPERTIES } as const;

export const ALERT_DETAIL = {
  type: 'object',
  properties: {
    ...ALERT_PROPERTIES,
    deliveries: {
      type: 'array',
      description: 'every webhook delivery attempt',
      items: {
        type: 'object',
        properties: {
          event: { type: 'string', enum: ['alert.opened', 'alert.closed'] },
          attempt: { type: 'integer' },
          state: { type: 'string', enum: ['pending', 'sending', 'delivered', 'failed'] },
          due: { type: 'string', format: 'date-time' },
          attempted: { type: ['string', 'null'], format: 'date-time' },
          status_code: { type: ['integer', 'null'] },
          error: { type: ['string', 'null'] },
          duration_ms: { type: ['number', 'null'] },
        },
      },
    },
  },
} as const;
