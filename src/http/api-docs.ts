import type { FastifyPluginAsync } from 'fastify';
import type { ApiUnit } from './api-unit.js';
import { OPENAPI_TYPE } from './landing.js';
import type { RouteOptions } from './services.js';

/** A viewer page: Redoc from its CDN reads /api in the browser; nothing is bundled here. */
const VIEWER = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>eopool API</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><redoc spec-url="./api"></redoc>
<script src="https://cdn.redoc.ly/redoc/latest/bundles/redoc.standalone.js"></script></body>
</html>
`;

const routes: FastifyPluginAsync<RouteOptions> = async (app) => {
  app.get('/api', { config: { access: 'open' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type(OPENAPI_TYPE).send(app.swagger()),
  );
  app.get('/api.html', { config: { access: 'open' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(VIEWER),
  );
};

export const apiDocs: ApiUnit = { name: 'api-docs', conformance: [], routes };
