import type { FastifyPluginAsync } from 'fastify';
import { authorizeCollectionWrite } from '../catalog/index.js';
import { ingestGeotiff } from '../ingest/geotiff/index.js';
import { createOutboundClient } from '../net/index.js';
import type { ApiUnit } from './api-unit.js';
import { writer } from './auth.js';
import { baseUrl, encodeSegment, GEOJSON, itemForResponse } from './links.js';
import type { RouteOptions } from './services.js';
import { errorResponses } from './shared-schemas.js';

interface FromGeotiffBody {
  href: string;
  datetime?: string;
  id?: string;
}

const routes: FastifyPluginAsync<RouteOptions> = async (app, { config, services }) => {
  const outbound = createOutboundClient({ allowedHosts: config.allowedHosts, userAgent: 'eopool-geotiff' });
  app.addHook('onClose', async () => outbound.close());

  // `::` is find-my-way's escape for a literal colon in a path segment.
  app.post<{ Params: { collectionId: string }; Body: FromGeotiffBody }>(
    '/collections/:collectionId/items::from-geotiff',
    {
      config: { access: 'write' },
      schema: {
        summary: "Create or update an item from a GeoTIFF or COG at a URL, reading only the file's header (HTTP range requests)",
        tags: ['Transactions'],
        params: { type: 'object', required: ['collectionId'], properties: { collectionId: { type: 'string', minLength: 1 } } },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['href'],
          properties: {
            href: { type: 'string', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://', description: 'http(s) URL of the file; public hosts only, unless listed in EOPOOL_ALLOWED_HOSTS' },
            datetime: { type: 'string', format: 'date-time', description: "acquisition time; required unless the file's metadata states one" },
            id: { type: 'string', minLength: 1, description: 'item id; default: the file name without its extension' },
          },
        },
        response: {
          200: { $ref: 'StacDocument#', description: 'an identical item was already stored' },
          201: { $ref: 'StacDocument#', description: 'the item as stored' },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { collectionId } = request.params;
      const member = await authorizeCollectionWrite(services.db, collectionId, writer(request));
      const result = await ingestGeotiff({
        db: services.db,
        stac: services.stac,
        outbound,
        collection: collectionId,
        member,
        source: request.body.href,
        datetime: request.body.datetime ?? null,
        id: request.body.id ?? null,
        allowLocalPaths: false,
      });
      request.log.info({ collection: collectionId, item: result.item.id, bytesRead: result.bytesRead, warnings: result.warnings }, 'item from GeoTIFF');
      const base = baseUrl(request, config.publicUrl);
      return reply
        .status(result.stored ? 201 : 200)
        .type(GEOJSON)
        .header('location', `${base}/collections/${encodeSegment(collectionId)}/items/${encodeSegment(String(result.item.id))}`)
        .send(itemForResponse(base, result.item));
    },
  );
};

export const geotiff: ApiUnit = { name: 'geotiff', conformance: [], routes };
