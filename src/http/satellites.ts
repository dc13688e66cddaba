import { errorCodes, type FastifyPluginAsync } from 'fastify';
import type { SatelliteEntry } from '../reference/seed-reference-data.js';
import { createSatellite, getSatellite, listSatellites, replaceSatellite, updateTles, type RevisitService } from '../revisit/index.js';
import { writer } from './auth.js';
import { baseUrl } from './links.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const OPERATOR = { type: 'string', pattern: '^[A-Z][A-Z0-9]{1,7}$', description: "the operator's code: an SCO member's ISO code, or another (EU, US)" } as const;
const TLE_LINE = { type: 'string', minLength: 69, maxLength: 80 } as const;

/** A satellite as `satellites.json` lists it and `POST /satellites` takes it. */
const SATELLITE_FIELDS = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  norad_id: { type: 'integer', minimum: 1, maximum: 339_999 },
  member: OPERATOR,
  sensor: { enum: ['optical', 'sar'] },
  instrument: { type: ['string', 'null'] },
  swath_km: { type: ['number', 'null'], exclusiveMinimum: 0, description: 'nadir swath, km; null: stored, skipped in computations' },
  field_of_regard_deg: { type: ['number', 'null'], minimum: 0, exclusiveMaximum: 90, description: 'largest off-nadir angle, degrees' },
  gsd_m: { type: ['number', 'null'], exclusiveMinimum: 0 },
  tle: { type: 'array', items: TLE_LINE, minItems: 2, maxItems: 2, description: 'TLE lines 1 and 2' },
  swath_source: { type: ['string', 'null'] },
  notes: { type: ['string', 'null'] },
  reference: { type: 'boolean' },
  other_instruments: {},
} as const;

const SATELLITE_INPUT = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'norad_id', 'member', 'sensor', 'tle'],
  properties: SATELLITE_FIELDS,
} as const;

const SATELLITE = {
  type: 'object',
  properties: {
    ...SATELLITE_FIELDS,
    tle_epoch: { type: 'string', format: 'date-time', description: 'epoch of the current TLE' },
    tle_age_days: { type: 'number', description: 'days from that epoch to now' },
  },
} as const;

/** Routes without query parameters still refuse unknown ones. */
const NO_QUERY = { type: 'object', additionalProperties: false } as const;

const NORAD_PARAMS = {
  type: 'object',
  required: ['noradId'],
  properties: { noradId: { type: 'integer', minimum: 1 } },
} as const;

const TLE_REPORT = {
  type: 'object',
  properties: {
    updated: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          norad_id: { type: 'integer' },
          name: { type: ['string', 'null'] },
          epoch: { type: 'string', format: 'date-time' },
          previous_epoch: { type: 'string', format: 'date-time' },
        },
      },
    },
    older: {
      type: 'array',
      description: 'entries older than the stored TLE: kept in the history, not made current',
      items: {
        type: 'object',
        properties: {
          norad_id: { type: 'integer' },
          epoch: { type: 'string', format: 'date-time' },
          current_epoch: { type: 'string', format: 'date-time' },
        },
      },
    },
    unchanged: { type: 'integer', description: 'entries whose epoch was already stored' },
    unknown: { type: 'integer', description: 'entries of satellites that are not registered (ignored)' },
    not_owned: { type: 'array', items: { type: 'integer' }, description: "another operator's satellites (a member's key)" },
    rejected: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          lineNumber: { type: 'integer' },
          name: { type: ['string', 'null'] },
          code: { type: 'string' },
          description: { type: 'string' },
          details: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
} as const;

/**
 * `/satellites`: the registry of satellites and their TLEs. A change refreshes the stored revisit
 * windows (`revisit.refreshSoon`).
 */
export const satelliteRoutes: FastifyPluginAsync<RouteOptions & { revisit: RevisitService }> = async (app, { config, services, revisit }) => {
  const { db, clock } = services;

  app.get<{ Querystring: { member?: string; sensor?: 'optical' | 'sar' } }>(
    '/satellites',
    {
      schema: {
        summary: 'The satellites: the pool (SCO members\' satellites) and the open-data references',
        tags: ['Satellites'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { member: OPERATOR, sensor: { enum: ['optical', 'sar'] } },
        },
        response: { 200: { type: 'object', properties: { satellites: { type: 'array', items: SATELLITE } } }, ...errorResponses(400, 401) },
      },
    },
    async (request) => ({ satellites: await listSatellites(db, request.query, clock()) }),
  );

  app.get<{ Params: { noradId: number } }>(
    '/satellites/:noradId',
    {
      schema: {
        summary: 'One satellite',
        tags: ['Satellites'],
        params: NORAD_PARAMS,
        querystring: NO_QUERY,
        response: { 200: SATELLITE, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getSatellite(db, request.params.noradId, clock()),
  );

  app.post<{ Body: SatelliteEntry }>(
    '/satellites',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Register a satellite (an admin, or the member operating it); a known NORAD id is a 409',
        tags: ['Satellites'],
        body: SATELLITE_INPUT,
        querystring: NO_QUERY,
        response: { 201: SATELLITE, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const satellite = await createSatellite(db, request.body, writer(request), clock());
      revisit.refreshSoon('satellite');
      return reply
        .status(201)
        .header('location', `${baseUrl(request, config.publicUrl)}/satellites/${satellite.norad_id}`)
        .send(satellite);
    },
  );

  app.put<{ Params: { noradId: number }; Body: SatelliteEntry }>(
    '/satellites/:noradId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Replace a satellite (an admin, or the member operating it); an older TLE joins the history only',
        tags: ['Satellites'],
        params: NORAD_PARAMS,
        body: SATELLITE_INPUT,
        querystring: NO_QUERY,
        response: { 200: SATELLITE, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const satellite = await replaceSatellite(db, request.params.noradId, request.body, writer(request), clock());
      revisit.refreshSoon('satellite');
      return satellite;
    },
  );

  app.post<{ Body: string }>(
    '/satellites/tle',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Update TLEs in bulk from a CelesTrak-style 3-line file (text/plain), matched by NORAD id',
        description:
          'Each entry is checked (both checksums, format, SGP4 initialisation) and kept in the TLE history; it becomes the ' +
          "current TLE unless it is older than the stored one. A member's key updates its own satellites only.",
        tags: ['Satellites'],
        body: { content: { 'text/plain': { schema: { type: 'string' } } } },
        querystring: NO_QUERY,
        response: { 200: TLE_REPORT, ...errorResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request) => {
      // Only text/plain bodies are validated and arrive as text; JSON would arrive parsed.
      if (typeof request.body !== 'string') {
        throw new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(`${request.headers['content-type'] ?? 'none'}; send the TLE file as text/plain`);
      }
      const report = await updateTles(db, request.body, writer(request));
      if (report.updated.length > 0 || report.older.length > 0) revisit.refreshSoon('tle-update');
      return report;
    },
  );
};
