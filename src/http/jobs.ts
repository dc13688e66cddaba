import type { FastifyPluginAsync } from 'fastify';
import { listJobRuns } from '../scheduler/index.js';
import type { ApiUnit } from './api-unit.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const JOB_RUN = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    job: { type: 'string' },
    slot: { type: 'string' },
    state: { enum: ['running', 'succeeded', 'failed', 'skipped'] },
    started: { type: 'string', format: 'date-time' },
    finished: { type: ['string', 'null'], format: 'date-time' },
    seconds: { type: ['number', 'null'] },
    counts: { type: 'object', additionalProperties: true },
    error: { type: ['string', 'null'] },
  },
} as const;

const routes: FastifyPluginAsync<RouteOptions> = async (app, { services }) => {
  app.get<{ Querystring: { job?: string; limit: number } }>(
    '/jobs',
    {
      schema: {
        summary: 'Runs of scheduled and background jobs, newest first',
        tags: ['Jobs'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { job: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: { 200: { type: 'object', properties: { runs: { type: 'array', items: JOB_RUN } } }, ...errorResponses(400, 401) },
      },
    },
    async (request) => ({ runs: await listJobRuns(services.db, request.query) }),
  );
};

export const jobs: ApiUnit = { name: 'jobs', conformance: [], routes };
