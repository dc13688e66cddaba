import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { authorizeCollectionWrite, deleteItem, getCollection, getItem, replaceItem, searchItems, writeItems } from '../catalog/index.js';
import { ConflictError, InvalidRequestError } from '../errors.js';
import { createItems } from '../ingest/create-items.js';
import { ingestNdjson } from '../ingest/ingest-ndjson.js';
import { mergePatch } from '../stac/merge-patch.js';
import type { ApiUnit } from './api-unit.js';
import { writer } from './auth.js';
import { baseUrl, encodeSegment, GEOJSON, itemForResponse, JSON_TYPE, type Link } from './links.js';
import { pageLinks } from './page-links.js';
import { searchParameters } from './search-parameters.js';
import { featureCollectionText } from './search-response.js';
import { ITEM_COLLECTION, ITEMS_QUERYSTRING } from './search.schemas.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

interface CollectionParams {
  collectionId: string;
}
interface ItemParams extends CollectionParams {
  itemId: string;
}

const COLLECTION_PARAMS = {
  type: 'object',
  required: ['collectionId'],
  properties: { collectionId: { type: 'string', minLength: 1 } },
} as const;
const ITEM_PARAMS = {
  type: 'object',
  required: ['collectionId', 'itemId'],
  properties: { collectionId: { type: 'string', minLength: 1 }, itemId: { type: 'string', minLength: 1 } },
} as const;
const ITEM_RESPONSE = { $ref: 'StacDocument#' } as const;
const WRITE_REPORT = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    description: { type: 'string' },
    stored: {},
    unchanged: { type: 'integer' },
    rejected: { type: 'array', items: { type: 'object', additionalProperties: true } },
    warnings: { type: 'array', items: { type: 'string' } },
  },
  additionalProperties: true,
} as const;

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const { db, stac } = services;
  // The NDJSON ingest's worker threads end with the app.

  // NDJSON bodies reach the handler as the raw stream: the JSON body limit does not apply, the
  // per-line limit does, and nothing holds the whole body in memory.
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));

  app.get<{ Params: CollectionParams; Querystring: Record<string, string> }>(
    '/collections/:collectionId/items',
    {
      schema: {
        summary: 'Items of a collection, newest first, paged by token; the item search parameters apply',
        tags: ['Items'],
        params: COLLECTION_PARAMS,
        querystring: ITEMS_QUERYSTRING,
        response: { 200: ITEM_COLLECTION, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { collectionId } = request.params;
      await getCollection(db, collectionId);
      const { request: search, fields } = searchParameters(request.query, 'get', config.limits, collectionId);
      const page = await searchItems(db, search);
      const base = baseUrl(request, config.publicUrl);
      const collectionUrl = `${base}/collections/${encodeSegment(collectionId)}`;
      const links: Link[] = [
        { rel: 'root', href: `${base}/`, type: JSON_TYPE },
        { rel: 'parent', href: collectionUrl, type: JSON_TYPE },
        { rel: 'collection', href: collectionUrl, type: JSON_TYPE },
        ...pageLinks(page, { method: 'GET', url: `${collectionUrl}/items`, query: { ...request.query, limit: String(search.limit) } }),
      ];
      return reply.type(GEOJSON).send(featureCollectionText(base, page, links, fields));
    },
  );

  app.get<{ Params: ItemParams }>(
    '/collections/:collectionId/items/:itemId',
    {
      schema: {
        summary: 'One item',
        tags: ['Items'],
        params: ITEM_PARAMS,
        response: { 200: ITEM_RESPONSE, ...errorResponses(401, 404) },
      },
    },
    async (request, reply) => {
      const { collectionId, itemId } = request.params;
      await getCollection(db, collectionId);
      const item = await getItem(db, collectionId, itemId);
      return reply.type(GEOJSON).send(itemForResponse(baseUrl(request, config.publicUrl), item));
    },
  );

  app.post<{ Params: CollectionParams; Body: unknown }>(
    '/collections/:collectionId/items',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Create an item or a FeatureCollection of items (JSON), or upsert items one per line (application/x-ndjson)',
        tags: ['Transactions'],
        params: COLLECTION_PARAMS,
        response: { 200: WRITE_REPORT, 201: { type: 'object', additionalProperties: true }, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (request, reply) => {
      const { collectionId } = request.params;
      const member = await authorizeCollectionWrite(db, collectionId, writer(request));
      const base = baseUrl(request, config.publicUrl);
      if (isNdjson(request)) {
        const report = await ingestNdjson(request.body as Readable, {
          db,
          pool: services.preparePool,
          collection: collectionId,
          member,
          maxLineBytes: config.limits.ndjsonLineBytes,
        });
        request.log.info({ collection: collectionId, stored: report.stored, unchanged: report.unchanged, rejected: report.rejected.length }, 'ndjson ingest');
        return reply.status(200).send({
          stored: report.stored,
          unchanged: report.unchanged,
          rejected: report.rejected.map(({ index, ...rest }) => ({ line: index, ...rest })),
        });
      }
      const body = request.body as { type?: unknown; features?: unknown } | null;
      if (body?.type === 'FeatureCollection') {
        if (!Array.isArray(body.features)) throw new InvalidRequestError('InvalidBody', 'a FeatureCollection needs a "features" array');
        const report = await createItems(db, stac, body.features, collectionId, member);
        if (report.rejected.length === 0) return reply.status(201).send(report);
        const allDuplicates = report.rejected.every((r) => r.code === 'ItemExists');
        return reply.status(allDuplicates ? 409 : 400).send({
          code: allDuplicates ? 'ItemExists' : 'ItemsRejected',
          description: `${report.rejected.length} of ${body.features.length} items were not stored; the ${report.stored.length} valid ones were`,
          ...report,
        });
      }
      const prepared = stac.item(body, collectionId);
      const outcome = await writeItems(db, [prepared.document], member, 'create');
      const id = String(prepared.document.id);
      if (outcome.duplicates.length > 0) throw new ConflictError('ItemExists', `item "${id}" already exists in "${collectionId}"`);
      return reply
        .status(201)
        .type(GEOJSON)
        .header('location', `${base}/collections/${encodeSegment(collectionId)}/items/${encodeSegment(id)}`)
        .send(itemForResponse(base, prepared.document));
    },
  );

  app.put<{ Params: ItemParams; Body: Record<string, unknown> }>(
    '/collections/:collectionId/items/:itemId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Replace an item',
        tags: ['Transactions'],
        params: ITEM_PARAMS,
        body: { $ref: 'StacDocument#' },
        response: { 200: ITEM_RESPONSE, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const { collectionId, itemId } = request.params;
      const member = await authorizeCollectionWrite(db, collectionId, writer(request));
      if (request.body.id !== itemId) {
        throw new InvalidRequestError('IdMismatch', `the body's id ${JSON.stringify(request.body.id)} differs from "${itemId}" in the URL`);
      }
      const prepared = stac.item(request.body, collectionId);
      await replaceItem(db, prepared.document, member);
      return reply.type(GEOJSON).send(itemForResponse(baseUrl(request, config.publicUrl), prepared.document));
    },
  );

  app.patch<{ Params: ItemParams; Body: Record<string, unknown> }>(
    '/collections/:collectionId/items/:itemId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Change an item with an RFC 7386 merge patch',
        tags: ['Transactions'],
        params: ITEM_PARAMS,
        body: { type: 'object', additionalProperties: true },
        response: { 200: ITEM_RESPONSE, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const { collectionId, itemId } = request.params;
      const member = await authorizeCollectionWrite(db, collectionId, writer(request));
      const patched = mergePatch(await getItem(db, collectionId, itemId), request.body) as Record<string, unknown>;
      if (patched.id !== itemId) throw new InvalidRequestError('IdMismatch', 'a patch may not change the item id');
      const prepared = stac.item(patched, collectionId);
      await replaceItem(db, prepared.document, member);
      return reply.type(GEOJSON).send(itemForResponse(baseUrl(request, config.publicUrl), prepared.document));
    },
  );

  app.delete<{ Params: ItemParams }>(
    '/collections/:collectionId/items/:itemId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Delete an item',
        tags: ['Transactions'],
        params: ITEM_PARAMS,
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { collectionId, itemId } = request.params;
      await authorizeCollectionWrite(db, collectionId, writer(request));
      await deleteItem(db, collectionId, itemId);
      return reply.status(204).send();
    },
  );
};

function isNdjson(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-ndjson');
}

const FEATURES = 'https://api.stacspec.org/v1.0.0/ogcapi-features';

/** Items of a collection; its GET list takes the item search parameters, so the extensions hold here too. */
export const items: ApiUnit = {
  name: 'items',
  conformance: [`${FEATURES}#sort`, `${FEATURES}#fields`, `${FEATURES}#filter`, `${FEATURES}#query`],
  routes,
};
