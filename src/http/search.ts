import type { FastifyPluginAsync } from 'fastify';
import { searchItems } from '../catalog/index.js';
import type { ApiUnit } from './api-unit.js';
import { baseUrl, GEOJSON, JSON_TYPE } from './links.js';
import { pageLinks } from './page-links.js';
import { type RawSearch, searchParameters } from './search-parameters.js';
import { featureCollectionText } from './search-response.js';
import { ITEM_COLLECTION, SEARCH_BODY, SEARCH_QUERYSTRING } from './search.schemas.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const { db } = services;
  const response = { 200: ITEM_COLLECTION, ...errorResponses(400, 401) };

  app.get<{ Querystring: Record<string, string> }>(
    '/search',
    { schema: { summary: 'Search items across collections', tags: ['Item Search'], querystring: SEARCH_QUERYSTRING, response } },
    async (request, reply) => {
      const { request: search, fields } = searchParameters(request.query, 'get', config.limits);
      const page = await searchItems(db, search);
      const base = baseUrl(request, config.publicUrl);
      const links = [
        { rel: 'root', href: `${base}/`, type: JSON_TYPE },
        ...pageLinks(page, { method: 'GET', url: `${base}/search`, query: { ...request.query, limit: String(search.limit) } }),
      ];
      return reply.type(GEOJSON).send(featureCollectionText(base, page, links, fields));
    },
  );

  app.post<{ Body: RawSearch }>(
    '/search',
    { schema: { summary: 'Search items across collections (JSON body)', tags: ['Item Search'], body: SEARCH_BODY, response } },
    async (request, reply) => {
      const body = request.body ?? {};
      const { request: search, fields } = searchParameters(body, 'post', config.limits);
      const page = await searchItems(db, search);
      const base = baseUrl(request, config.publicUrl);
      const links = [{ rel: 'root', href: `${base}/`, type: JSON_TYPE }, ...pageLinks(page, { method: 'POST', url: `${base}/search`, body })];
      return reply.type(GEOJSON).send(featureCollectionText(base, page, links, fields));
    },
  );
};

const STAC = 'https://api.stacspec.org/v1.0.0';
const CQL2 = 'http://www.opengis.net/spec/cql2/1.0/conf';

/**
 * The CQL2 classes eopool's filter compiler fully implements (src/catalog/search/compile-cql2.ts),
 * each in CQL2 text and JSON. Not listed: accent-insensitive comparison (no unaccent in both
 * engines) and custom functions.
 */
export const FILTER_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  `${CQL2}/basic-cql2`,
  `${CQL2}/cql2-text`,
  `${CQL2}/cql2-json`,
  `${CQL2}/advanced-comparison-operators`,
  `${CQL2}/case-insensitive-comparison`,
  `${CQL2}/basic-spatial-functions`,
  `${CQL2}/basic-spatial-functions-plus`,
  `${CQL2}/spatial-functions`,
  `${CQL2}/temporal-functions`,
  `${CQL2}/array-functions`,
  `${CQL2}/property-property`,
  `${CQL2}/arithmetic`,
] as const;

/**
 * STAC API item search, GET and POST /search, with the sort, fields, filter (CQL2 text and JSON)
 * and query extensions.
 */
export const search: ApiUnit = {
  name: 'search',
  conformance: [
    `${STAC}/item-search`,
    `${STAC}/item-search#sort`,
    `${STAC}/item-search#fields`,
    `${STAC}/item-search#filter`,
    `${STAC}/item-search#query`,
    ...FILTER_CONFORMANCE,
  ],
  routes,
};
