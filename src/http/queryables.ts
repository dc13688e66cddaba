import type { FastifyPluginAsync } from 'fastify';
import { getCollection, listQueryables } from '../catalog/index.js';
import type { ApiUnit } from './api-unit.js';
import { baseUrl, encodeSegment } from './links.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const SCHEMA_TYPE = 'application/schema+json';

const QUERYABLES = {
  type: 'object',
  description: 'A JSON Schema (with $schema and $id) of the properties a filter or sortby may name',
  required: ['type', 'properties'],
  additionalProperties: true,
  properties: {
    type: { const: 'object' },
    title: { type: 'string' },
    properties: { type: 'object', additionalProperties: true },
    additionalProperties: { type: 'boolean' },
  },
} as const;

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const { db } = services;

  // Sent as text: the document's own `$schema` and `$id` members are data here, not schema keywords.
  const document = (id: string, title: string, queryables: Awaited<ReturnType<typeof listQueryables>>) =>
    JSON.stringify({
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: id,
    type: 'object',
    title,
    properties: Object.fromEntries(queryables.map((q) => [q.name, q.schema])),
    // Only these names may be used: any other is refused as UnknownQueryable.
    additionalProperties: false,
    });

  app.get(
    '/queryables',
    { schema: { summary: 'Queryables of all collections', tags: ['Filter'], response: { 200: QUERYABLES, ...errorResponses(401) } } },
    async (request, reply) => {
      const id = `${baseUrl(request, config.publicUrl)}/queryables`;
      return reply.type(SCHEMA_TYPE).send(document(id, 'Queryables of eopool', await listQueryables(db, null)));
    },
  );

  app.get<{ Params: { collectionId: string } }>(
    '/collections/:collectionId/queryables',
    {
      schema: {
        summary: 'Queryables of one collection',
        tags: ['Filter'],
        params: { type: 'object', required: ['collectionId'], properties: { collectionId: { type: 'string', minLength: 1 } } },
        response: { 200: QUERYABLES, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { collectionId } = request.params;
      await getCollection(db, collectionId);
      const id = `${baseUrl(request, config.publicUrl)}/collections/${encodeSegment(collectionId)}/queryables`;
      return reply.type(SCHEMA_TYPE).send(document(id, `Queryables of ${collectionId}`, await listQueryables(db, collectionId)));
    },
  );
};

/** The filter extension's queryables: the promoted fields and every property key of the items. */
export const queryables: ApiUnit = { name: 'queryables', conformance: [], routes };
