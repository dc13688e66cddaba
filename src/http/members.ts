import type { FastifyPluginAsync } from 'fastify';
import type { ApiUnit } from './api-unit.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const routes: FastifyPluginAsync<RouteOptions> = async (app, { services }) => {
  app.get(
    '/members',
    {
      schema: {
        summary: 'The SCO member states and their agencies',
        tags: ['Reference'],
        response: {
          200: {
            type: 'object',
            properties: {
              members: {
                type: 'array',
                items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' } } },
              },
            },
          },
          ...errorResponses(401),
        },
      },
    },
    async () => ({ members: await services.db.selectFrom('members').selectAll().orderBy('code').execute() }),
  );
};

export const members: ApiUnit = { name: 'members', conformance: [], routes };
