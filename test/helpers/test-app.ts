import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { createApiKey, type Role } from '../../src/auth/index.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createServices } from '../../src/create-services.js';
import { openDatabase, type OpenDatabase } from '../../src/db/index.js';
import type { Services } from '../../src/http/services.js';
import { ensureTemplate, withDatabaseName } from './template.js';

/** The part of tap's Test that the helpers need. */
interface Teardown {
  teardown(fn: () => unknown): void;
}

export const ADMIN_KEY = 'test-admin-key-0123456789';

/**
 * A database of its own for one test file, cloned from the template that the `before` script built:
 * a copied PGlite folder, or `CREATE DATABASE … TEMPLATE` on the server of TEST_DATABASE_URL
 * (built here when a file runs on its own).
 * Dropped again when the test ends.
 */
export async function createTestDatabase(t: Teardown): Promise<OpenDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = await ensureTemplate(serverUrl);
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (serverUrl !== undefined && serverUrl !== '') {
    const name = `eopool_test_${suffix}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, name), dataDir: '' });
    t.teardown(async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    });
    return database;
  }
  const dir = path.join(os.tmpdir(), `eopool-test-${suffix}`);
  fs.cpSync(template, dir, { recursive: true });
  const database = await openDatabase({ databaseUrl: null, dataDir: dir });
  t.teardown(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
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
