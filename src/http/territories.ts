import type { FastifyPluginAsync } from 'fastify';
import {
  createTerritory,
  deleteTerritory,
  getTerritory,
  listTerritories,
  replaceTerritory,
  type RevisitService,
  type TerritoryInput,
} from '../revisit/index.js';
import { writer } from './auth.js';
import { baseUrl, encodeSegment } from './links.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const KIND = { enum: ['country', 'region', 'emergency', 'resource'] } as const;

const SUMMARY_FIELDS = {
  id: { type: 'string' },
  name: { type: 'string' },
  kind: KIND,
  member: { type: ['string', 'null'], description: 'the owning member; null for the seeded countries and admin-kept territories' },
  seeded: { type: 'boolean', description: 'a seeded member country: it cannot be changed or deleted' },
  bbox: { type: 'array', items: { type: 'number' }, description: '[west, south, east, north]; west > east across the antimeridian' },
  area_km2: { type: 'number' },
  created: { type: 'string', format: 'date-time' },
  updated: { type: 'string', format: 'date-time' },
} as const;

const TERRITORY_SUMMARY = { type: 'object', properties: SUMMARY_FIELDS } as const;
const TERRITORY = {
  type: 'object',
  properties: { ...SUMMARY_FIELDS, geometry: { description: 'GeoJSON MultiPolygon as stored (split at the antimeridian)' } },
} as const;

const TERRITORY_INPUT = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind', 'geometry'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: KIND,
    geometry: {
      type: 'object',
      required: ['type', 'coordinates'],
      properties: { type: { enum: ['Polygon', 'MultiPolygon'] }, coordinates: { type: 'array' } },
      description: "GeoJSON Polygon or MultiPolygon; the catalog's footprint rules apply (winding, antimeridian, validity, vertex limit)",
    },
    member: { type: ['string', 'null'], pattern: '^[A-Z]{2}$', description: "the owner (an admin's key only); default: the key's member" },
  },
} as const;

/** Routes without query parameters still refuse unknown ones. */
const NO_QUERY = { type: 'object', additionalProperties: false } as const;

const TERRITORY_PARAMS = {
  type: 'object',
  required: ['territoryId'],
  properties: { territoryId: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

/**
 * `/territories`: the seeded member countries (id = ISO code, unchangeable) and the regions,
 * emergency and resource areas members create. A change refreshes the territory's stored revisit
 * window (`revisit.refreshSoon`).
 */
export const territoryRoutes: FastifyPluginAsync<RouteOptions & { revisit: RevisitService }> = async (app, { config, services, revisit }) => {
  const { db } = services;
  const maxVertices = config.limits.geometryVertices;

  app.get(
    '/territories',
    {
      schema: {
        summary: 'The territories, without their geometries',
        tags: ['Territories'],
        querystring: NO_QUERY,
        response: { 200: { type: 'object', properties: { territories: { type: 'array', items: TERRITORY_SUMMARY } } }, ...errorResponses(400, 401) },
      },
    },
    async () => ({ territories: await listTerritories(db) }),
  );

  app.get<{ Params: { territoryId: string } }>(
    '/territories/:territoryId',
    {
      schema: {
        summary: 'One territory with its geometry',
        tags: ['Territories'],
        params: TERRITORY_PARAMS,
        querystring: NO_QUERY,
        response: { 200: TERRITORY, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => getTerritory(db, request.params.territoryId),
  );

  app.post<{ Body: TerritoryInput }>(
    '/territories',
    {
      config: { access: 'write' },
      schema: {
        summary: "Create a territory, owned by the key's member; answered with its generated id",
        tags: ['Territories'],
        body: TERRITORY_INPUT,
        querystring: NO_QUERY,
        response: { 201: TERRITORY, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request, reply) => {
      const territory = await createTerritory(db, request.body, writer(request), maxVertices);
      revisit.refreshSoon('territory', [territory.id]);
      return reply
        .status(201)
        .header('location', `${baseUrl(request, config.publicUrl)}/territories/${encodeSegment(territory.id)}`)
        .send(territory);
    },
  );

  app.put<{ Params: { territoryId: string }; Body: TerritoryInput }>(
    '/territories/:territoryId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Replace a territory (an admin, or its member); the seeded member countries are a 409',
        tags: ['Territories'],
        params: TERRITORY_PARAMS,
        body: TERRITORY_INPUT,
        querystring: NO_QUERY,
        response: { 200: TERRITORY, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request) => {
      const territory = await replaceTerritory(db, request.params.territoryId, request.body, writer(request), maxVertices);
      revisit.refreshSoon('territory', [territory.id]);
      return territory;
    },
  );

  app.delete<{ Params: { territoryId: string } }>(
    '/territories/:territoryId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Delete a territory with its stored passes (an admin, or its member); the seeded member countries are a 409',
        tags: ['Territories'],
        params: TERRITORY_PARAMS,
        querystring: NO_QUERY,
        response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteTerritory(db, request.params.territoryId, writer(request));
      return reply.status(204).send();
    },
  );
};
