import type { FastifyPluginAsync } from 'fastify';
import { createRequire } from 'node:module';
import type { ApiUnit } from './api-unit.js';
import type { RouteOptions } from './services.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const routes: FastifyPluginAsync<RouteOptions> = async (app, { services }) => {
  app.get(
    '/health',
    {
      config: { access: 'open' },
      schema: {
        summary: 'Liveness and readiness',
        tags: ['Service'],
        response: {
          200: {
            type: 'object',
            properties: { status: { const: 'ok' }, database: { enum: ['pglite', 'postgres'] }, version: { type: 'string' } },
          },
          503: { $ref: 'Error#' },
        },
      },
    },
    async (_request, reply) => {
      if (!services.readiness.ready) {
        return reply.status(503).send({ code: 'Starting', description: 'migrations are not applied yet' });
      }
      return { status: 'ok', database: services.engine, version };
    },
  );
};

export const health: ApiUnit = { name: 'health', conformance: [], routes };
export const EOPOOL_VERSION = version;
