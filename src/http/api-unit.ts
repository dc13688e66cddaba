import type { FastifyPluginAsync } from 'fastify';
import type { RouteOptions } from './services.js';

/**
 * A piece of the API: its routes and the conformance classes it makes true (stac-fastapi's
 * extensions). `/conformance` lists exactly the classes of the units that are mounted.
 */
export interface ApiUnit {
  name: string;
  conformance: readonly string[];
  routes: FastifyPluginAsync<RouteOptions>;
}
