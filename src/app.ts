import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { aggregation } from './http/aggregation.js';
import { apiDocs } from './http/api-docs.js';
import type { ApiUnit } from './http/api-unit.js';
import { installAuth } from './http/auth.js';
import { collections } from './http/collections.js';
import { installErrorHandlers } from './http/error-handler.js';
import { freshest } from './http/freshest.js';
import { geotiff } from './http/geotiff.js';
import { harvestSources } from './http/harvest-sources.js';
import { health, EOPOOL_VERSION } from './http/health.js';
import { items } from './http/items.js';
import { jobs } from './http/jobs.js';
import { keys } from './http/keys.js';
import { landing } from './http/landing.js';
import { members } from './http/members.js';
import { monitoring } from './http/monitoring.js';
import { queryables } from './http/queryables.js';
import { revisit } from './http/revisit.js';
import { search } from './http/search.js';
import type { Services } from './http/services.js';
import { SHARED_SCHEMAS } from './http/shared-schemas.js';

export interface AppOptions {
  /** Fastify's logger: pino options, or false to stay quiet (tests). */
  logger?: boolean | Record<string, unknown>;
}

/**
 * Build the Fastify application: plugins, error handling, auth, then every API unit. Nothing here
 * opens a connection or listens; the caller owns the services and their lifetime.
 */
export async function buildApp(config: Config, services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.limits.jsonBodyBytes,
    // Reject unknown fields instead of stripping them (Fastify's default), and read `a=1&a=2` as an array.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  // STAC clients send GeoJSON and merge patches with their own media types; they are JSON.
  app.addContentTypeParser(
    ['application/geo+json', 'application/merge-patch+json'],
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  await app.register(cors, {
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    exposedHeaders: ['Location'],
  });
  await app.register(swagger, {
    // Shared schemas keep their own names (`Error`, `Link`) in the document instead of `def-N`.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'eopool',
        version: EOPOOL_VERSION,
        description: 'STAC API over the pooled Earth-observation scenes of the SCO members, with revisit statistics.',
      },
      components: {
        securitySchemes: { memberKey: { type: 'http', scheme: 'bearer', description: 'an eopool API key' } },
      },
    },
  });
  installErrorHandlers(app);
  installAuth(app, config, services);

  const units: ApiUnit[] = [health, apiDocs, collections, items, keys, members, jobs, search, queryables, aggregation, harvestSources, geotiff, revisit, freshest, monitoring];
  const conformance = () => [...new Set(units.flatMap((u) => [...u.conformance]))].sort();
  units.unshift(landing(conformance));
  // The services' worker pools last as long as the app. Fastify closes the route plugins before the
  // root, so their own onClose hooks (which may still wait on a pool) run before this one.
  app.addHook('onClose', async () => {
    await Promise.all([services.preparePool.close(), services.revisitPool.close()]);
  });
  for (const unit of units) await app.register(unit.routes, { config, services });
  return app;
}
