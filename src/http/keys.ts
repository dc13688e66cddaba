import type { FastifyPluginAsync } from 'fastify';
import { createApiKey, listApiKeys, revokeApiKey, type Role } from '../auth/index.js';
import { InvalidRequestError } from '../errors.js';
import { isScoMember } from '../reference/sco-members.js';
import type { ApiUnit } from './api-unit.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const KEY_INFO = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    member: { type: ['string', 'null'] },
    role: { enum: ['reader', 'member', 'admin'] },
    created: { type: 'string', format: 'date-time' },
    revoked: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const routes: FastifyPluginAsync<RouteOptions> = async (app, { services }) => {
  const { db } = services;

  app.post<{ Body: { member?: string; role: Role } }>(
    '/keys',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Create an API key (shown once, stored only as a hash)',
        tags: ['Keys'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['role'],
          properties: {
            member: { type: 'string', pattern: '^[A-Z]{2}$', description: 'member code; required unless role is admin' },
            role: { enum: ['reader', 'member', 'admin'] },
          },
        },
        response: {
          201: { ...KEY_INFO, properties: { ...KEY_INFO.properties, key: { type: 'string' } } },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { member, role } = request.body;
      if (member === undefined && role !== 'admin') {
        throw new InvalidRequestError('MissingMember', `a ${role} key needs a member`);
      }
      if (member !== undefined && !isScoMember(member)) {
        throw new InvalidRequestError('UnknownMember', `"${member}" is not an SCO member code`);
      }
      return reply.status(201).send(await createApiKey(db, { member: member ?? null, role }));
    },
  );

  app.get(
    '/keys',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'List API keys (never their secrets)',
        tags: ['Keys'],
        response: { 200: { type: 'object', properties: { keys: { type: 'array', items: KEY_INFO } } }, ...errorResponses(401, 403) },
      },
    },
    async () => ({ keys: await listApiKeys(db) }),
  );

  app.delete<{ Params: { keyId: string } }>(
    '/keys/:keyId',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Revoke an API key',
        tags: ['Keys'],
        params: { type: 'object', required: ['keyId'], properties: { keyId: { type: 'string' } } },
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeApiKey(db, request.params.keyId);
      return reply.status(204).send();
    },
  );
};

export const keys: ApiUnit = { name: 'keys', conformance: [], routes };
