import type { FastifyPluginAsync } from 'fastify';
import type { ApiUnit } from './api-unit.js';
import { baseUrl, GEOJSON, JSON_TYPE, type Link } from './links.js';
import type { RouteOptions } from './services.js';
import { EOPOOL_VERSION } from './health.js';

export const CORE_CONFORMANCE = [
  'https://api.stacspec.org/v1.0.0/core',
  'https://api.stacspec.org/v1.0.0/collections',
  'https://api.stacspec.org/v1.0.0/ogcapi-features',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
] as const;

export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

/**
 * The landing page and /conformance. The conformance list is handed in by `buildApp`, computed from
 * the units it mounts, so a class is listed only when its routes are there.
 */
export function landing(conformance: () => readonly string[]): ApiUnit {
  const routes: FastifyPluginAsync<RouteOptions> = async (app, { config }) => {
    app.get(
      '/',
      {
        config: { access: 'open' },
        schema: {
          summary: 'Landing page',
          tags: ['Core'],
          response: {
            200: {
              type: 'object',
              required: ['type', 'id', 'stac_version', 'conformsTo', 'links'],
              properties: {
                type: { const: 'Catalog' },
                id: { type: 'string' },
                title: { type: 'string' },
                description: { type: 'string' },
                stac_version: { type: 'string' },
                version: { type: 'string' },
                conformsTo: { type: 'array', items: { type: 'string' } },
                links: { type: 'array', items: { $ref: 'Link#' } },
              },
            },
          },
        },
      },
      async (request) => {
        const base = baseUrl(request, config.publicUrl);
        const links: Link[] = [
          { rel: 'self', href: `${base}/`, type: JSON_TYPE, title: 'This document' },
          { rel: 'root', href: `${base}/`, type: JSON_TYPE, title: 'eopool' },
          { rel: 'conformance', href: `${base}/conformance`, type: JSON_TYPE, title: 'Conformance classes' },
          { rel: 'data', href: `${base}/collections`, type: JSON_TYPE, title: 'Collections' },
          { rel: 'search', href: `${base}/search`, type: GEOJSON, method: 'GET', title: 'Item search' },
          { rel: 'search', href: `${base}/search`, type: GEOJSON, method: 'POST', title: 'Item search' },
          { rel: 'service-desc', href: `${base}/api`, type: OPENAPI_TYPE, title: 'OpenAPI document' },
          { rel: 'service-doc', href: `${base}/api.html`, type: 'text/html', title: 'API documentation' },
          { rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', href: `${base}/queryables`, type: 'application/schema+json', title: 'Queryables' },
          { rel: 'aggregate', href: `${base}/aggregate`, type: JSON_TYPE, method: 'GET', title: 'Aggregate items' },
          { rel: 'aggregations', href: `${base}/aggregations`, type: JSON_TYPE, title: 'Available aggregations' },
        ];
        return {
          type: 'Catalog',
          id: 'eopool',
          title: 'eopool: pooled Earth-observation imagery of the SCO members',
          description:
            'A STAC API over the scene metadata that the member agencies of the Shanghai Cooperation Organization pool, ' +
            'with revisit statistics of the pooled constellation per territory.',
          stac_version: '1.1.0',
          version: EOPOOL_VERSION,
          conformsTo: conformance(),
          links,
        };
      },
    );
    app.get(
      '/conformance',
      {
        config: { access: 'open' },
        schema: {
          summary: 'Conformance classes this service implements',
          tags: ['Core'],
          response: {
            200: {
              type: 'object',
              required: ['conformsTo'],
              properties: { conformsTo: { type: 'array', items: { type: 'string' } } },
            },
          },
        },
      },
      async () => ({ conformsTo: conformance() }),
    );
  };
  return { name: 'core', conformance: CORE_CONFORMANCE, routes };
}
