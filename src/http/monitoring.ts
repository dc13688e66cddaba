import type { FastifyPluginAsync } from 'fastify';
import {
  createWatch,
  deleteWatch,
  getAlert,
  listAlerts,
  listWatches,
  type NewWatch,
  observedRevisit,
  resolveTimeWindow,
  scheduleMonitoring,
  territoryGapGrid,
  territoryGaps,
  type Watch,
} from '../monitoring/index.js';
import { createOutboundClient } from '../net/index.js';
import { getTerritory } from '../revisit/index.js';
import { parseStringList } from '../stac/search/parse-string-list.js';
import type { ApiUnit } from './api-unit.js';
import { writer } from './auth.js';
import { baseUrl, encodeSegment, GEOJSON, JSON_TYPE } from './links.js';
import {
  ALERT,
  ALERT_DETAIL,
  ALERT_PARAMS,
  ALERTS_QUERYSTRING,
  GAPS_QUERYSTRING,
  GAPS_RESPONSE,
  OBSERVED_QUERYSTRING,
  OBSERVED_RESPONSE,
  TERRITORY_PARAMS,
  WATCH,
  WATCH_BODY,
  WATCH_PARAMS,
} from './monitoring.schemas.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

interface TerritoryParams {
  territoryId: string;
}

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const { db } = services;
  // Webhooks go through the outbound rule: public hosts only, unless listed in EOPOOL_ALLOWED_HOSTS.
  const outbound = createOutboundClient({ allowedHosts: config.allowedHosts, userAgent: 'eopool-webhooks' });
  app.addHook('onClose', async () => {
    outbound.close();
  });
  if (services.scheduler !== null) {
    scheduleMonitoring(services.scheduler, { db, outbound, clock: services.clock, ready: () => services.readiness.ready });
  }
  const territoryUrl = (base: string, id: string) => `${base}/territories/${encodeSegment(id)}`;

  app.get<{ Params: TerritoryParams; Querystring: { start?: string; end?: string; max_cloud_cover?: number; members?: string } }>(
    '/territories/:territoryId/observed',
    {
      schema: {
        summary: 'Observed revisit from the catalog’s footprints, pooled and per member, beside the predicted revisit of the same window',
        tags: ['Monitoring'],
        params: TERRITORY_PARAMS,
        querystring: OBSERVED_QUERYSTRING,
        response: { 200: OBSERVED_RESPONSE, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { start, end, max_cloud_cover: maxCloudCover, members } = request.query;
      const window = resolveTimeWindow({ since: start, at: end }, services.clock(), { defaultSince: 'P30D', names: { since: 'start', at: 'end' } });
      const territory = await getTerritory(db, request.params.territoryId);
      const observed = await observedRevisit(db, services.revisitPool, config.limits, {
        territory,
        start: window.since ?? window.at,
        end: window.at,
        maxCloudCover,
        members: members === undefined ? null : parseStringList(members, 'members'),
      });
      const base = baseUrl(request, config.publicUrl);
      return {
        territory: territory.id,
        ...observed,
        links: [
          { rel: 'territory', href: territoryUrl(base, territory.id), type: JSON_TYPE },
          { rel: 'gaps', href: `${territoryUrl(base, territory.id)}/gaps`, type: GEOJSON },
        ],
      };
    },
  );

  app.get<{
    Params: TerritoryParams;
    Querystring: { since?: string; at?: string; max_cloud_cover?: number; sensor?: 'optical' | 'sar'; format: 'features' | 'grid'; cell_km: number };
  }>(
    '/territories/:territoryId/gaps',
    {
      schema: {
        summary: 'The parts of a territory that no scene in [since, at] covers, or a grid of the age of the newest scene',
        tags: ['Monitoring'],
        params: TERRITORY_PARAMS,
        querystring: GAPS_QUERYSTRING,
        response: { 200: GAPS_RESPONSE, ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { since, at, max_cloud_cover: maxCloudCover, sensor, format, cell_km: cellKm } = request.query;
      const window = resolveTimeWindow({ since, at }, services.clock(), { defaultSince: 'P7D' });
      const territory = await getTerritory(db, request.params.territoryId);
      const filters = { maxCloudCover, sensor };
      const base = baseUrl(request, config.publicUrl);
      const head = {
        type: 'FeatureCollection',
        territory: territory.id,
        since: (window.since ?? window.at).toISOString(),
        at: window.at.toISOString(),
        format,
        links: [
          { rel: 'self', href: `${base}${request.url}`, type: GEOJSON },
          { rel: 'territory', href: territoryUrl(base, territory.id), type: JSON_TYPE },
        ],
      };
      reply.type(GEOJSON);
      if (format === 'grid') {
        const cells = await territoryGapGrid(db, territory, cellKm, window, filters);
        return {
          ...head,
          cell_km: cellKm,
          cells: cells.length,
          stale_cells: cells.filter((c) => c.age_hours === null).length,
          features: cells.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties })),
        };
      }
      const gaps = await territoryGaps(db, territory, window, filters);
      return {
        ...head,
        area_km2: gaps.area_km2,
        stale_area_km2: gaps.stale_area_km2,
        stale_share: gaps.stale_share,
        scenes: gaps.scenes,
        features: gaps.parts.map(({ geometry, area_km2 }) => ({ type: 'Feature', geometry, properties: { area_km2 } })),
      };
    },
  );

  const watchAnswer = (base: string, watch: Watch) => ({
    ...watch,
    links: [
      { rel: 'self', href: `${base}/watches/${encodeSegment(watch.id)}`, type: JSON_TYPE },
      { rel: 'territory', href: territoryUrl(base, watch.territory), type: JSON_TYPE },
      { rel: 'alerts', href: `${base}/alerts?territory=${encodeURIComponent(watch.territory)}`, type: JSON_TYPE },
    ],
  });

  app.post<{ Params: TerritoryParams; Body: NewWatch }>(
    '/territories/:territoryId/watches',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Watch a territory: an alert opens when part of it has no qualifying scene for max_age_hours, and closes when it is covered again; each is POSTed to the webhook, signed',
        tags: ['Monitoring'],
        params: TERRITORY_PARAMS,
        body: WATCH_BODY,
        response: { 201: WATCH, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const watch = await createWatch(db, request.params.territoryId, request.body, { principal: writer(request), allowedHosts: config.allowedHosts });
      const base = baseUrl(request, config.publicUrl);
      return reply.status(201).header('location', `${base}/watches/${encodeSegment(watch.id)}`).send(watchAnswer(base, watch));
    },
  );

  app.get<{ Params: TerritoryParams }>(
    '/territories/:territoryId/watches',
    {
      config: { access: 'write' },
      schema: {
        summary: 'The watches of a territory: all of them for an admin, its own for a member (never their secrets)',
        tags: ['Monitoring'],
        params: TERRITORY_PARAMS,
        response: { 200: { type: 'object', properties: { watches: { type: 'array', items: WATCH } } }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const watches = await listWatches(db, request.params.territoryId, writer(request));
      const base = baseUrl(request, config.publicUrl);
      return { watches: watches.map((w) => watchAnswer(base, w)) };
    },
  );

  app.delete<{ Params: { watchId: string } }>(
    '/watches/:watchId',
    {
      config: { access: 'write' },
      schema: {
        summary: 'Delete a watch with its alerts (an admin, or the member that created it)',
        tags: ['Monitoring'],
        params: WATCH_PARAMS,
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteWatch(db, request.params.watchId, writer(request));
      return reply.status(204).send();
    },
  );

  const alertLinks = (base: string, alert: { id: string; watch: string; territory: string }) => [
    { rel: 'self', href: `${base}/alerts/${encodeSegment(alert.id)}`, type: JSON_TYPE },
    { rel: 'territory', href: territoryUrl(base, alert.territory), type: JSON_TYPE },
    { rel: 'gaps', href: `${territoryUrl(base, alert.territory)}/gaps`, type: GEOJSON },
  ];

  app.get<{ Querystring: { territory?: string; state?: 'open' | 'closed'; limit: number } }>(
    '/alerts',
    {
      schema: {
        summary: 'Alerts of the watches, newest first, with where their webhook notices stand',
        tags: ['Monitoring'],
        querystring: ALERTS_QUERYSTRING,
        response: { 200: { type: 'object', properties: { alerts: { type: 'array', items: ALERT } } }, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const alerts = await listAlerts(db, request.query);
      const base = baseUrl(request, config.publicUrl);
      return { alerts: alerts.map((a) => ({ ...a, links: alertLinks(base, a) })) };
    },
  );

  app.get<{ Params: { alertId: string } }>(
    '/alerts/:alertId',
    {
      schema: {
        summary: 'One alert with every delivery attempt of its webhook notices (a final failure shows here)',
        tags: ['Monitoring'],
        params: ALERT_PARAMS,
        response: { 200: ALERT_DETAIL, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const alert = await getAlert(db, request.params.alertId);
      return { ...alert, links: alertLinks(baseUrl(request, config.publicUrl), alert) };
    },
  );
};

/** Observed revisit, gaps, watches and alerts over territories (issue 5). */
export const monitoring: ApiUnit = { name: 'monitoring', conformance: [], routes };
