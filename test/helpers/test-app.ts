import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createApiKey, type Role } from '../../src/auth/index.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createServices } from '../../src/create-services.js';
import { openDatabase, type OpenDatabase } from '../../src/db/index.js';
import type { Services } from '../../src/http/services.js';
import { cloneTemplate, type Teardown } from './template.js';

export const ADMIN_KEY = 'test-admin-key-0123456789';

/** A fresh database for one test file (see `cloneTemplate`), closed and dropped when the test ends. */
export async function createTestDatabase(t: Teardown): Promise<OpenDatabase> {
  const database = await openDatabase(await cloneTemplate(t));
  t.teardown(() => database.close());
  return database;
}

export interface TestApp {
  app: FastifyInstance;
  database: OpenDatabase;
  services: Services;
  config: Config;
  /** Create a stored key and return the `Authorization` header for it. */
  auth(role: Role, member?: string): Promise<{ authorization: string }>;
  admin: { authorization: string };
}

/**
 * eopool over a fresh test database, with `env` overriding the configuration; pass `database` to
 * build a second app (another configuration) over the database of a first one.
 */
export async function createTestApp(t: Teardown, env: Record<string, string> = {}, database?: OpenDatabase): Promise<TestApp> {
  database ??= await createTestDatabase(t);
  const config = loadConfig({ EOPOOL_ADMIN_KEY: ADMIN_KEY, LOG_LEVEL: 'silent', EOPOOL_DEMO: '0', ...env });
  const services = createServices(database, config, true);
  const db = database.db;
  const app = await buildApp(config, services, { logger: false });
  t.teardown(() => app.close());
  return {
    app,
    database,
    services,
    config,
    admin: { authorization: `Bearer ${ADMIN_KEY}` },
    async auth(role, member) {
      const key = await createApiKey(db, { member: member ?? null, role });
      return { authorization: `Bearer ${key.key}` };
    },
  };
}
