import type { FastifyPluginAsync } from 'fastify';
import {
  createRevisitService,
  MAX_DAYS,
  revisitQuery,
  scheduleRevisitRefresh,
  type PointRevisit,
  type RevisitAnswer,
  type RevisitParameters,
} from '../revisit/index.js';
import type { ApiUnit } from './api-unit.js';
import { GEOJSON, JSON_TYPE } from './links.js';
import { satelliteRoutes } from './satellites.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';
import { territoryRoutes } from './territories.js';

const NUMBER_OR_NULL = { type: ['number', 'null'] } as const;

const STATISTICS = {
  type: 'object',
  description: 'Revisit statistics of one scope over the window (hours are real hours)',
  properties: {
    covered_fraction: { type: 'number', description: 'share of grid points visited at least once' },
    visits_per_point: { type: 'number' },
    points_with_revisit: { type: 'integer', description: 'points with at least two visits; the hours below are over these' },
    mean_revisit_hours: { ...NUMBER_OR_NULL, description: "mean over points of each point's mean gap between visits" },
    median_revisit_hours: { ...NUMBER_OR_NULL, description: "mean over points of each point's median gap" },
    mean_max_gap_hours: { ...NUMBER_OR_NULL, description: "mean over points of each point's largest gap" },
    worst_max_gap_hours: { ...NUMBER_OR_NULL, description: 'largest gap of any point' },
    any_point: {
      type: 'object',
      description: 'gaps between successive passes seeing any part of the territory',
      properties: { events: { type: 'integer' }, mean_gap_hours: NUMBER_OR_NULL, median_gap_hours: NUMBER_OR_NULL, max_gap_hours: NUMBER_OR_NULL },
    },
  },
} as const;

const HEADER_FIELDS = {
  territory: { type: 'string' },
  name: { type: 'string' },
  start: { type: 'string', format: 'date-time' },
  end: { type: 'string', format: 'date-time' },
  days: { type: 'number' },
  mode: { enum: ['nadir', 'agile'] },
  sun_elevation_min_deg: { type: 'number' },
  grid: {
    type: 'object',
    properties: { points: { type: 'integer' }, spacing_km: { type: 'number' }, area_km2: { type: 'number' }, centre_only: { type: 'boolean' } },
  },
  source: { enum: ['stored', 'computed'], description: 'stored: the nightly window, answered at once; computed: for this request' },
  computed_at: { type: 'string', format: 'date-time' },
  skipped: {
    type: 'array',
    description: 'satellites left out of the computation, with why',
    items: { type: 'object', properties: { norad_id: { type: 'integer' }, name: { type: 'string' }, reason: { type: 'string' } } },
  },
  warnings: { type: 'array', items: { type: 'string' } },
} as const;

const REVISIT = {
  type: 'object',
  properties: {
    ...HEADER_FIELDS,
    satellites: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          norad_id: { type: 'integer' },
          name: { type: 'string' },
          member: { type: ['string', 'null'] },
          sensor: { enum: ['optical', 'sar'] },
          tle_epoch: { type: 'string', format: 'date-time' },
          tle_age_days: { type: 'number', description: 'days from the TLE epoch to the farther window edge' },
          passes: { type: 'integer' },
          accesses: { type: 'integer' },
          propagation_error: { type: ['string', 'null'] },
        },
      },
    },
    pool: STATISTICS,
    members: { type: 'object', additionalProperties: { anyOf: [STATISTICS, { type: 'null' }] } },
    pooling_gain: {
      type: 'object',
      description: "pool visits per point over the member's alone; null for a member without satellites or visits",
      additionalProperties: { type: ['number', 'null'] },
    },
    propagations: { type: 'integer' },
    seconds: { type: 'number', description: 'computation time' },
  },
} as const;

const POINTS = {
  type: 'object',
  description: 'format=geojson: the grid points with their revisit by the pool, and the answer\'s window as foreign members',
  properties: {
    type: { const: 'FeatureCollection' },
    ...HEADER_FIELDS,
    features: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { const: 'Feature' },
          geometry: { type: 'object', properties: { type: { const: 'Point' }, coordinates: { type: 'array', items: { type: 'number' } } } },
          properties: { type: 'object', properties: { visits: { type: 'integer' }, mean_revisit_hours: NUMBER_OR_NULL, max_gap_hours: NUMBER_OR_NULL } },
        },
      },
    },
  },
} as const;

const PASSES = {
  type: 'object',
  properties: {
    ...HEADER_FIELDS,
    passes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          norad_id: { type: 'integer' },
          satellite: { type: 'string' },
          member: { type: ['string', 'null'] },
          sensor: { enum: ['optical', 'sar'] },
          start: { type: 'string', format: 'date-time', description: 'first access among the grid points seen' },
          end: { type: 'string', format: 'date-time', description: 'last access among the grid points seen' },
          share: { type: 'number', description: "share of the territory's grid points seen" },
          centre_time: { type: ['string', 'null'], format: 'date-time', description: "closest approach to the territory's centre" },
          centre_distance_km: NUMBER_OR_NULL,
          centre_off_nadir_deg: { type: ['number', 'null'], description: 'off-nadir angle needed to look at the centre then' },
        },
      },
    },
  },
} as const;

const LIST = { type: 'array', items: { type: 'string' } } as const;
const COMMON_QUERY = {
  start: { type: 'string', description: 'window start: RFC 3339 date-time or a date (UTC); default today 00:00 UTC' },
  days: { type: 'number', exclusiveMinimum: 0, description: `window length, days, at most ${MAX_DAYS}; default 14` },
  mode: { enum: ['nadir', 'agile'], description: 'nadir: the swath; agile: up to the field of regard too' },
  grid_km: { type: 'number', exclusiveMinimum: 0, description: 'grid spacing, km; default about 2,000 points' },
  sun_elevation_min: { type: 'number', minimum: -90, maximum: 90, description: 'least Sun elevation for optical sensors, degrees; default 10' },
  members: { ...LIST, description: 'only the pool satellites of these SCO members (comma-separated)' },
  satellites: { ...LIST, description: 'exactly these NORAD ids, reference satellites included (comma-separated)' },
  sensor: { enum: ['optical', 'sar'] },
  allow_stale: { type: 'boolean', description: 'compute with TLEs more than 45 days from the window (with a warning)' },
} as const;

const TERRITORY_PARAMS = {
  type: 'object',
  required: ['territoryId'],
  properties: { territoryId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

type RevisitRequest = { Params: { territoryId: string }; Querystring: Omit<RevisitParameters, 'territory'> & { format?: 'json' | 'geojson' } };

const routes: FastifyPluginAsync<RouteOptions> = async (app, options) => {
  const { config, services } = options;
  const revisit = createRevisitService({
    db: services.db,
    limits: config.limits,
    clock: services.clock,
    logger: app.log,
    background: services.scheduler !== null,
    pool: services.revisitPool,
  });
  const unschedule = services.scheduler === null ? null : scheduleRevisitRefresh(services.scheduler, revisit);
  // A serving process loads its worker threads at start, not at the first request.
  if (services.scheduler !== null) app.addHook('onReady', async () => revisit.warm());
  app.addHook('onClose', async () => {
    unschedule?.();
    await revisit.close();
  });
  await app.register(satelliteRoutes, { ...options, revisit });
  await app.register(territoryRoutes, { ...options, revisit });

  app.get<RevisitRequest>(
    '/territories/:territoryId/passes',
    {
      schema: {
        summary: 'Predicted passes of the pool (or of some members or satellites) over a territory',
        description:
          'One event per pass of a satellite whose swath (or field of regard, mode=agile) reaches a grid point of the territory, ' +
          'in daylight for optical sensors. Answered from the stored nightly window when it holds the request.',
        tags: ['Revisit'],
        params: TERRITORY_PARAMS,
        querystring: { type: 'object', additionalProperties: false, properties: COMMON_QUERY },
        response: { 200: PASSES, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => revisit.passes(revisitQuery({ ...request.query, territory: request.params.territoryId })),
  );

  app.get<RevisitRequest>(
    '/territories/:territoryId/revisit',
    {
      schema: {
        summary: 'Predicted revisit of a territory by the pool and by each member alone, and the pooling gain',
        description:
          'Computed from the satellites\' orbits (SGP4) off the event loop; the stored nightly window is answered at once. ' +
          'format=geojson gives the grid points with their visits, mean revisit and largest gap.',
        tags: ['Revisit'],
        params: TERRITORY_PARAMS,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { ...COMMON_QUERY, format: { enum: ['json', 'geojson'], default: 'json' } },
        },
        response: {
          200: { content: { [JSON_TYPE]: { schema: REVISIT }, [GEOJSON]: { schema: POINTS } } },
          ...errorResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const { format, ...parameters } = request.query;
      const query = revisitQuery({ ...parameters, territory: request.params.territoryId });
      if (format !== 'geojson') return reply.type(JSON_TYPE).send(await revisit.revisit(query));
      const { points, ...answer } = await revisit.revisit(query, { points: true });
      return reply.type(GEOJSON).send(pointsCollection(answer, points ?? []));
    },
  );
};

function pointsCollection(answer: RevisitAnswer, points: PointRevisit[]) {
  const { satellites: _satellites, pool: _pool, members: _members, pooling_gain: _gain, propagations: _propagations, seconds: _seconds, ...header } = answer;
  return {
    type: 'FeatureCollection',
    ...header,
    features: points.map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.longitude_deg, p.latitude_deg] },
      properties: { visits: p.visits, mean_revisit_hours: p.mean_revisit_hours, max_gap_hours: p.max_gap_hours },
    })),
  };
}

/**
 * Satellites, territories and their predicted passes and revisit: one unit, because the three share
 * the process's revisit service (its worker threads, and the stored windows that satellite and
 * territory changes refresh).
 */
export const revisit: ApiUnit = { name: 'revisit', conformance: [], routes };
