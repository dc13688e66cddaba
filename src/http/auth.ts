import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Principal, resolveApiKey } from '../auth/index.js';
import type { Config } from '../config.js';
import { ForbiddenError, UnauthorizedError, UnavailableError } from '../errors.js';
import type { Services } from './services.js';

/**
 * Who may call a route: `open` always (landing page, conformance, /api, /health); `read` anyone, or
 * any key under EOPOOL_READ=keys; `write` a member or admin key; `admin` an admin key.
 */
export type Access = 'open' | 'read' | 'write' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

/** The caller of a write route: set by the hook, so a handler can rely on it. */
export function writer(request: FastifyRequest): Principal {
  if (request.principal === null) throw new UnauthorizedError('Unauthorized', 'this request needs an API key');
  return request.principal;
}

/**
 * Resolve `Authorization: Bearer <key>` once per request and enforce the route's access level
 * before the body is read, so an unauthorised upload is refused without being received.
 */
export function installAuth(app: FastifyInstance, config: Config, services: Services): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'read';
    if (!services.readiness.ready && request.routeOptions.url !== '/health') {
      throw new UnavailableError('Starting', 'eopool is starting (applying migrations); try again shortly');
    }
    const presented = bearerKey(request);
    if (presented !== null) {
      request.principal = await resolveApiKey(services.db, presented, config.adminKey);
      if (request.principal === null) throw new UnauthorizedError('InvalidKey', 'the API key is unknown or revoked');
    }
    if (access === 'open' || request.method === 'OPTIONS') return;
    if (access === 'read') {
      if (config.read === 'keys' && request.principal === null) {
        throw new UnauthorizedError('Unauthorized', 'reads need an API key on this service (Authorization: Bearer <key>)');
      }
      return;
    }
    const principal = writer(request);
    if (access === 'write' && principal.role === 'reader') {
      throw new ForbiddenError('Forbidden', 'a reader key may not write');
    }
    if (access === 'admin' && principal.role !== 'admin') {
      throw new ForbiddenError('Forbidden', 'this needs an admin key');
    }
  });
}

function bearerKey(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) throw new UnauthorizedError('InvalidKey', 'Authorization must be "Bearer <key>"');
  return match[1];
}
