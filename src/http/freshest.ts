import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  type AreaInput,
  findFreshest,
  type FreshScene,
  measureArea,
  predictNextPasses,
  resolveArea,
  resolveTimeWindow,
} from '../monitoring/index.js';
import { parseStringList } from '../stac/search/parse-string-list.js';
import type { ApiUnit } from './api-unit.js';
import { FRESHEST_BODY, FRESHEST_QUERYSTRING, FRESHEST_RESPONSE } from './freshest.schemas.js';
import { baseUrl, GEOJSON, itemLinks, JSON_TYPE } from './links.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

interface FreshestParameters {
  max_cloud_cover?: number;
  sensor?: 'optical' | 'sar';
  members?: string | string[];
  collections?: string | string[];
  min_coverage: number;
  since?: string;
  at?: string;
  limit: number;
  horizon_hours: number;
}

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const { db } = services;

  const answer = async (request: FastifyRequest, area: AreaInput, parameters: FreshestParameters) => {
    const resolved = resolveArea(area, config.limits.geometryVertices);
    const window = resolveTimeWindow(parameters, services.clock());
    const members = parameters.members === undefined ? null : parseStringList(parameters.members, 'members');
    const collections = parameters.collections === undefined ? null : parseStringList(parameters.collections, 'collections');
    const areaKm2 = await measureArea(db, resolved, config.limits.areaOfInterestKm2);
    const [fresh, next] = await Promise.all([
      findFreshest(db, {
        area: resolved,
        areaKm2,
        filters: { maxCloudCover: parameters.max_cloud_cover, sensor: parameters.sensor, members, collections },
        window,
        minCoverage: parameters.min_coverage,
        limit: parameters.limit,
      }),
      predictNextPasses(db, { centre: resolved.centre, at: window.at, horizonHours: parameters.horizon_hours, members, sensor: parameters.sensor }),
    ]);
    const base = baseUrl(request, config.publicUrl);
    const withLink = <T extends FreshScene>(scene: T) => ({
      ...scene,
      links: [{ ...itemLinks(base, scene.collection, scene.id)[0]!, rel: 'item' }],
    });
    return {
      at: window.at.toISOString(),
      since: window.since?.toISOString() ?? null,
      area: { type: resolved.geometry.type, area_km2: areaKm2, centre: [resolved.centre.longitudeDeg, resolved.centre.latitudeDeg] },
      scenes: fresh.scenes.map(withLink),
      mosaic: { ...fresh.mosaic, scenes: fresh.mosaic.scenes.map(withLink) },
      next_passes: next.passes,
      warnings: next.warnings,
      links: [
        { rel: 'root', href: `${base}/`, type: JSON_TYPE },
        { rel: 'search', href: `${base}/search`, type: GEOJSON },
      ],
    };
  };

  app.get<{ Querystring: FreshestParameters & { bbox?: string; point?: string } }>(
    '/freshest',
    {
      schema: {
        summary: 'The newest scenes over a bbox or point, the newest-first mosaic, and the next passes over it',
        tags: ['Monitoring'],
        querystring: FRESHEST_QUERYSTRING,
        response: { 200: FRESHEST_RESPONSE, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { bbox, point, ...parameters } = request.query;
      return answer(request, { bbox, point }, parameters);
    },
  );

  app.post<{ Body: FreshestParameters & { intersects?: unknown; bbox?: number[] } }>(
    '/freshest',
    {
      schema: {
        summary: 'The newest scenes over an area (GeoJSON), the newest-first mosaic, and the next passes over it',
        tags: ['Monitoring'],
        body: FRESHEST_BODY,
        response: { 200: FRESHEST_RESPONSE, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { intersects, bbox, ...parameters } = request.body;
      return answer(request, { intersects, bbox }, parameters);
    },
  );
};

/** `/freshest`: the emergency team's answer (issue 5). */
export const freshest: ApiUnit = { name: 'freshest', conformance: [], routes };
