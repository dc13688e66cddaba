import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AGGREGATIONS, aggregateItems, getCollection } from '../catalog/index.js';
import type { ApiUnit } from './api-unit.js';
import { baseUrl, encodeSegment, JSON_TYPE, type Link, urlWithQuery } from './links.js';
import { aggregateParameters, type RawSearch } from './search-parameters.js';
import {
  AGGREGATE_BODY,
  AGGREGATE_QUERYSTRING,
  COLLECTION_AGGREGATE_BODY,
  COLLECTION_AGGREGATE_QUERYSTRING,
} from './search.schemas.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const AGGREGATION_COLLECTION = {
  type: 'object',
  description: 'An AggregationCollection (aggregation extension v0.3.0)',
  required: ['type', 'aggregations'],
  properties: {
    type: { const: 'AggregationCollection' },
    aggregations: { type: 'array', items: { type: 'object', additionalProperties: true } },
    links: { type: 'array', items: { $ref: 'Link#' } },
  },
} as const;

const COLLECTION_PARAMS = {
  type: 'object',
  required: ['collectionId'],
  properties: { collectionId: { type: 'string', minLength: 1 } },
} as const;

interface CollectionParams {
  collectionId: string;
}

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const { db } = services;
  const response = { 200: AGGREGATION_COLLECTION, ...errorResponses(400, 401, 404) };

  /** Root and self links; a GET self repeats the query. */
  const links = (request: FastifyRequest, path: string, query: Record<string, string> | null): Link[] => {
    const base = baseUrl(request, config.publicUrl);
    return [
      { rel: 'root', href: `${base}/`, type: JSON_TYPE },
      { rel: 'self', href: query === null ? `${base}${path}` : urlWithQuery(`${base}${path}`, query), type: JSON_TYPE },
    ];
  };

  /** The AggregationCollection of a search, over one collection when `scope` names it (a 404 when there is none). */
  const aggregationCollection = async (request: FastifyRequest, raw: RawSearch, encoding: 'get' | 'post', scope: string | null) => {
    if (scope !== null) await getCollection(db, scope);
    const path = scope === null ? '/aggregate' : `/collections/${encodeSegment(scope)}/aggregate`;
    return {
      type: 'AggregationCollection',
      aggregations: await aggregateItems(db, aggregateParameters(raw, encoding, config.limits, scope)),
      links: links(request, path, encoding === 'get' ? (raw as Record<string, string>) : null),
    };
  };

  app.get<{ Querystring: Record<string, string> }>(
    '/aggregate',
    { schema: { summary: 'Aggregate the items a search matches', tags: ['Aggregation'], querystring: AGGREGATE_QUERYSTRING, response } },
    async (request) => aggregationCollection(request, request.query, 'get', null),
  );

  app.post<{ Body: RawSearch }>(
    '/aggregate',
    { schema: { summary: 'Aggregate the items a search matches (JSON body)', tags: ['Aggregation'], body: AGGREGATE_BODY, response } },
    async (request) => aggregationCollection(request, request.body ?? {}, 'post', null),
  );

  app.get<{ Params: CollectionParams; Querystring: Record<string, string> }>(
    '/collections/:collectionId/aggregate',
    {
      schema: {
        summary: "Aggregate a collection's items that a search matches",
        tags: ['Aggregation'],
        params: COLLECTION_PARAMS,
        querystring: COLLECTION_AGGREGATE_QUERYSTRING,
        response,
      },
    },
    async (request) => aggregationCollection(request, request.query, 'get', request.params.collectionId),
  );

  app.post<{ Params: CollectionParams; Body: RawSearch }>(
    '/collections/:collectionId/aggregate',
    {
      schema: {
        summary: "Aggregate a collection's items that a search matches (JSON body)",
        tags: ['Aggregation'],
        params: COLLECTION_PARAMS,
        body: COLLECTION_AGGREGATE_BODY,
        response,
      },
    },
    async (request) => aggregationCollection(request, request.body ?? {}, 'post', request.params.collectionId),
  );

  app.get(
    '/aggregations',
    { schema: { summary: 'The aggregations /aggregate computes', tags: ['Aggregation'], response: { 200: AGGREGATION_COLLECTION, ...errorResponses(401) } } },
    async (request) => ({ type: 'AggregationCollection', aggregations: AGGREGATIONS, links: links(request, '/aggregations', null) }),
  );

  app.get<{ Params: CollectionParams }>(
    '/collections/:collectionId/aggregations',
    {
      schema: {
        summary: 'The aggregations /collections/{c}/aggregate computes',
        tags: ['Aggregation'],
        params: COLLECTION_PARAMS,
        response: { 200: AGGREGATION_COLLECTION, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { collectionId } = request.params;
      await getCollection(db, collectionId);
      return {
        type: 'AggregationCollection',
        aggregations: AGGREGATIONS,
        links: links(request, `/collections/${encodeSegment(collectionId)}/aggregations`, null),
      };
    },
  );
};

/**
 * The aggregation extension: /aggregate and /aggregations, globally and per collection, taking the
 * item search's parameters (including filter and query).
 */
export const aggregation: ApiUnit = {
  name: 'aggregation',
  conformance: [
    'https://api.stacspec.org/v0.3.0/aggregation',
    'https://api.stacspec.org/v0.3.0/aggregation#filter',
    'https://api.stacspec.org/v0.3.0/aggregation#query',
  ],
  routes,
};
