import type { FastifyPluginAsync } from 'fastify';
import {
  assertMayActFor,
  createHarvestRunner,
  createHarvestSource,
  deleteHarvestSource,
  getHarvestSource,
  harvestJob,
  type HarvestSource,
  listHarvestRuns,
  listHarvestSources,
  listRejectedItems,
  type NewHarvestSource,
  scheduleHarvests,
} from '../ingest/harvest/index.js';
import { createOutboundClient } from '../net/index.js';
import type { ApiUnit } from './api-unit.js';
import { writer } from './auth.js';
import { baseUrl, encodeSegment, JSON_TYPE } from './links.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

interface SourceParams {
  sourceId: string;
}

const SOURCE_PARAMS = {
  type: 'object',
  required: ['sourceId'],
  properties: { sourceId: { type: 'string', minLength: 1 } },
} as const;

const LIMIT_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
} as const;

const HARVEST_SOURCE = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    member: { type: 'string' },
    url: { type: 'string', description: "the remote STAC API's root (landing page)" },
    collections: { type: 'object', additionalProperties: { type: 'string' }, description: 'remote collection id → local collection id' },
    filter: { type: ['object', 'null'], additionalProperties: true, description: 'CQL2 JSON the remote search is restricted by' },
    schedule: { type: ['string', 'null'], description: 'cron expression (UTC); null: on demand only' },
    overlapSeconds: { type: 'integer' },
    cursor: { type: ['string', 'null'], format: 'date-time', description: "the remote's time when the last completed run began" },
    position: { type: ['object', 'null'], additionalProperties: true, description: 'where an unfinished run stopped: the next run resumes there' },
    runningRun: { type: ['string', 'null'], description: 'the /jobs id of the run going on, if any' },
    created: { type: 'string', format: 'date-time' },
    updated: { type: 'string', format: 'date-time' },
    links: { type: 'array', items: { $ref: 'Link#' } },
  },
} as const;

const HARVEST_RUN = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'the run in /jobs' },
    state: { enum: ['running', 'succeeded', 'failed', 'skipped'] },
    trigger: { enum: ['schedule', 'manual'] },
    started: { type: 'string', format: 'date-time' },
    finished: { type: ['string', 'null'], format: 'date-time' },
    seconds: { type: 'number' },
    mode: { type: ['string', 'null'], description: 'incremental, search (the whole remote search) or features (collection by collection)' },
    resumed: { type: 'boolean', description: 'the run continued where an unfinished one stopped' },
    pages: { type: 'integer' },
    fetched: { type: 'integer' },
    stored: { type: 'integer' },
    unchanged: { type: 'integer' },
    rejected: { type: 'integer' },
    itemsPerSecond: { type: 'number' },
    error: { type: ['string', 'null'] },
    skipped: { type: ['string', 'null'] },
  },
} as const;

const REJECTED_ITEM = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    run: { type: ['string', 'null'] },
    collection: { type: ['string', 'null'] },
    itemId: { type: ['string', 'null'] },
    code: { type: 'string' },
    reason: { type: 'string' },
    document: {},
    rejected: { type: 'string', format: 'date-time' },
  },
} as const;

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const { db } = services;
  const outbound = createOutboundClient({ allowedHosts: config.allowedHosts, userAgent: 'eopool-harvest' });
  const runner = createHarvestRunner({ db, stac: services.stac, outbound, logger: app.log });
  const schedules = services.scheduler === null ? null : scheduleHarvests(db, services.scheduler, runner, { logger: app.log });
  // At start-up the tables may not be migrated yet; the periodic re-read catches up then.
  app.addHook('onReady', async () => {
    await schedules?.sync().catch((error: unknown) => app.log.warn({ err: error }, 'harvest schedules not loaded yet'));
  });
  app.addHook('onClose', async () => {
    schedules?.stop();
    await runner.close();
    outbound.close();
  });
  const answer = (base: string, source: HarvestSource) => {
    const self = `${base}/harvest-sources/${encodeSegment(source.id)}`;
    return {
      ...source,
      links: [
        { rel: 'self', href: self, type: JSON_TYPE },
        { rel: 'runs', href: `${self}/runs`, type: JSON_TYPE },
        { rel: 'rejected', href: `${self}/rejected`, type: JSON_TYPE },
        { rel: 'root', href: `${base}/`, type: JSON_TYPE },
      ],
    };
  };

  app.post<{ Body: NewHarvestSource }>(
    '/harvest-sources',
    {
      config: { access: 'write' },
      schema: {
        summary: "Register a member's STAC API to harvest (an admin, or the member itself)",
        tags: ['Harvest'],
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['member', 'url', 'collections'],
          properties: {
            member: { type: 'string', pattern: '^[A-Z]{2}$' },
            url: { type: 'string', minLength: 1, description: "the remote STAC API's root; public http(s) hosts only, unless listed in EOPOOL_ALLOWED_HOSTS" },
            collections: {
              type: 'object',
              minProperties: 1,
              additionalProperties: { type: 'string', minLength: 1 },
              description: 'remote collection id → local collection id; missing local collections are created from the remote ones',
            },
            filter: { type: ['object', 'null'], additionalProperties: true, description: 'CQL2 JSON restricting the remote search' },
            schedule: { type: ['string', 'null'], description: 'cron expression (UTC), e.g. "0 * * * *"; omitted: on demand only' },
            overlapSeconds: { type: 'integer', minimum: 0, maximum: 86_400, default: 300, description: 'how far before the cursor an incremental run starts' },
          },
        },
        response: { 201: HARVEST_SOURCE, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const source = await createHarvestSource(db, request.body, { principal: writer(request), allowedHosts: config.allowedHosts });
      await schedules?.sync();
      const base = baseUrl(request, config.publicUrl);
      return reply.status(201).header('location', `${base}/harvest-sources/${encodeSegment(source.id)}`).send(answer(base, source));
    },
  );

  app.get<{ Querystring: { member?: string } }>(
    '/harvest-sources',
    {
      schema: {
        summary: 'Harvest sources, oldest first',
        tags: ['Harvest'],
        querystring: { type: 'object', additionalProperties: false, properties: { member: { type: 'string', pattern: '^[A-Z]{2}$' } } },
        response: { 200: { type: 'object', properties: { sources: { type: 'array', items: HARVEST_SOURCE } } }, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const base = baseUrl(request, config.publicUrl);
      return { sources: (await listHarvestSources(db, request.query.member)).map((s) => answer(base, s)) };
    },
  );

  app.get<{ Params: SourceParams }>(
    '/harvest-sources/:sourceId',
    {
      schema: { summary: 'One harvest source', tags: ['Harvest'], params: SOURCE_PARAMS, response: { 200: HARVEST_SOURCE, ...errorResponses(401, 404) } },
    },
    async (request) => answer(baseUrl(request, config.publicUrl), await getHarvestSource(db, request.params.sourceId)),
  );

  app.delete<{ Params: SourceParams }>(
    '/harvest-sources/:sourceId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Delete a harvest source (its harvested items, runs and rejected items stay)',
        tags: ['Harvest'],
        params: SOURCE_PARAMS,
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { sourceId } = request.params;
      assertMayActFor(writer(request), (await getHarvestSource(db, sourceId)).member);
      runner.abort(sourceId);
      await deleteHarvestSource(db, sourceId);
      await schedules?.sync();
      return reply.status(204).send();
    },
  );

  app.post<{ Params: SourceParams }>(
    '/harvest-sources/:sourceId/run',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Run a harvest now: answers at once with the run, which goes on in the background',
        tags: ['Harvest'],
        params: SOURCE_PARAMS,
        response: {
          202: {
            type: 'object',
            properties: { id: { type: 'string' }, source: { type: 'string' }, state: { type: 'string' }, links: { type: 'array', items: { $ref: 'Link#' } } },
          },
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { sourceId } = request.params;
      assertMayActFor(writer(request), (await getHarvestSource(db, sourceId)).member);
      const id = await runner.start(sourceId);
      const base = baseUrl(request, config.publicUrl);
      return reply.status(202).send({
        id,
        source: sourceId,
        state: 'running',
        links: [
          { rel: 'runs', href: `${base}/harvest-sources/${encodeSegment(sourceId)}/runs`, type: JSON_TYPE },
          { rel: 'jobs', href: `${base}/jobs?job=${encodeURIComponent(harvestJob(sourceId))}`, type: JSON_TYPE },
        ],
      });
    },
  );

  app.get<{ Params: SourceParams; Querystring: { limit: number } }>(
    '/harvest-sources/:sourceId/runs',
    {
      schema: {
        summary: "A source's runs, newest first: state, counts, duration, rate, error",
        tags: ['Harvest'],
        params: SOURCE_PARAMS,
        querystring: LIMIT_QUERY,
        response: { 200: { type: 'object', properties: { runs: { type: 'array', items: HARVEST_RUN } } }, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      await getHarvestSource(db, request.params.sourceId);
      return { runs: await listHarvestRuns(db, request.params.sourceId, { limit: request.query.limit, now: services.clock() }) };
    },
  );

  app.get<{ Params: SourceParams; Querystring: { limit: number } }>(
    '/harvest-sources/:sourceId/rejected',
    {
      schema: {
        summary: "Items the source's runs could not store, newest first, with the reason and the document as sent",
        tags: ['Harvest'],
        params: SOURCE_PARAMS,
        querystring: LIMIT_QUERY,
        response: { 200: { type: 'object', properties: { rejected: { type: 'array', items: REJECTED_ITEM } } }, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      await getHarvestSource(db, request.params.sourceId);
      return { rejected: await listRejectedItems(db, request.params.sourceId, request.query.limit) };
    },
  );
};

export const harvestSources: ApiUnit = { name: 'harvest-sources', conformance: [], routes };
