import type { FastifyPluginAsync } from 'fastify';
import {
  authorizeCollectionWrite,
  createCollection,
  deleteCollection,
  getCollection,
  listCollections,
  owningMember,
  replaceCollection,
} from '../catalog/index.js';
import { InvalidRequestError } from '../errors.js';
import { mergePatch } from '../stac/merge-patch.js';
import type { ApiUnit } from './api-unit.js';
import { writer } from './auth.js';
import { baseUrl, collectionLinks, encodeSegment, JSON_TYPE, withLinks } from './links.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const COLLECTION_PARAMS = {
  type: 'object',
  required: ['collectionId'],
  properties: { collectionId: { type: 'string', minLength: 1 } },
} as const;

const COLLECTION_RESPONSE = { $ref: 'StacDocument#' } as const;

interface CollectionParams {
  collectionId: string;
}

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const { db, stac } = services;
  const answer = (base: string, document: Record<string, unknown>) => withLinks(document, collectionLinks(base, String(document.id)));

  app.get(
    '/collections',
    {
      schema: {
        summary: 'All collections',
        tags: ['Collections'],
        response: {
          200: {
            type: 'object',
            properties: {
              collections: { type: 'array', items: COLLECTION_RESPONSE },
              links: { type: 'array', items: { $ref: 'Link#' } },
            },
          },
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const base = baseUrl(request, config.publicUrl);
      const collections = await listCollections(db);
      return {
        collections: collections.map((c) => answer(base, c)),
        links: [
          { rel: 'self', href: `${base}/collections`, type: JSON_TYPE },
          { rel: 'root', href: `${base}/`, type: JSON_TYPE },
          { rel: 'parent', href: `${base}/`, type: JSON_TYPE },
        ],
      };
    },
  );

  app.get<{ Params: CollectionParams }>(
    '/collections/:collectionId',
    {
      schema: {
        summary: 'One collection',
        tags: ['Collections'],
        params: COLLECTION_PARAMS,
        response: { 200: COLLECTION_RESPONSE, ...errorResponses(401, 404) },
      },
    },
    async (request) => answer(baseUrl(request, config.publicUrl), await getCollection(db, request.params.collectionId)),
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/collections',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Create a collection (owned by the key\'s member; an admin names the owner in "eopool:member")',
        tags: ['Transactions'],
        body: { $ref: 'StacDocument#' },
        response: { 201: COLLECTION_RESPONSE, ...errorResponses(400, 401, 403, 409, 413) },
      },
    },
    async (request, reply) => {
      const prepared = stac.collection(request.body);
      const member = owningMember(prepared.document, writer(request));
      await createCollection(db, prepared.document, member);
      const base = baseUrl(request, config.publicUrl);
      const stored = await getCollection(db, String(prepared.document.id));
      return reply
        .status(201)
        .header('location', `${base}/collections/${encodeSegment(String(stored.id))}`)
        .send(answer(base, stored));
    },
  );

  app.put<{ Params: CollectionParams; Body: Record<string, unknown> }>(
    '/collections/:collectionId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Replace a collection',
        tags: ['Transactions'],
        params: COLLECTION_PARAMS,
        body: { $ref: 'StacDocument#' },
        response: { 200: COLLECTION_RESPONSE, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const { collectionId } = request.params;
      if (request.body.id !== collectionId) {
        throw new InvalidRequestError('IdMismatch', `the body's id ${JSON.stringify(request.body.id)} differs from "${collectionId}" in the URL`);
      }
      return replaceFrom(request.body, collectionId, request);
    },
  );

  app.patch<{ Params: CollectionParams; Body: Record<string, unknown> }>(
    '/collections/:collectionId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Change a collection with an RFC 7386 merge patch',
        tags: ['Transactions'],
        params: COLLECTION_PARAMS,
        body: { type: 'object', additionalProperties: true },
        response: { 200: COLLECTION_RESPONSE, ...errorResponses(400, 401, 403, 404, 413) },
      },
    },
    async (request) => {
      const { collectionId } = request.params;
      await authorizeCollectionWrite(db, collectionId, writer(request));
      const patched = mergePatch(await getCollection(db, collectionId), request.body) as Record<string, unknown>;
      if (patched.id !== collectionId) throw new InvalidRequestError('IdMismatch', 'a patch may not change the collection id');
      return replaceFrom(patched, collectionId, request);
    },
  );

  app.delete<{ Params: CollectionParams; Querystring: { cascade?: boolean } }>(
    '/collections/:collectionId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Delete a collection (one that still has items needs cascade=true)',
        tags: ['Transactions'],
        params: COLLECTION_PARAMS,
        querystring: { type: 'object', additionalProperties: false, properties: { cascade: { type: 'boolean', default: false } } },
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { collectionId } = request.params;
      await authorizeCollectionWrite(db, collectionId, writer(request));
      await deleteCollection(db, collectionId, request.query.cascade === true);
      return reply.status(204).send();
    },
  );

  async function replaceFrom(document: Record<string, unknown>, collectionId: string, request: Parameters<typeof writer>[0]) {
    const principal = writer(request);
    const currentOwner = await authorizeCollectionWrite(db, collectionId, principal);
    const prepared = stac.collection(document);
    const member = principal.role === 'admin' && prepared.document['eopool:member'] === undefined
      ? currentOwner
      : owningMember(prepared.document, principal);
    await replaceCollection(db, prepared.document, member);
    return answer(baseUrl(request, config.publicUrl), await getCollection(db, collectionId));
  }
};

export const TRANSACTION_CONFORMANCE = [
  'https://api.stacspec.org/v1.0.0/collections/extensions/transaction',
  'https://api.stacspec.org/v1.0.0/ogcapi-features/extensions/transaction',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/simpletx',
] as const;

export const collections: ApiUnit = { name: 'collections', conformance: TRANSACTION_CONFORMANCE, routes };
