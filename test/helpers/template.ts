import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type DatabaseLocation, migrate, openDatabase } from '../../src/db/index.js';
import { seedReferenceData } from '../../src/reference/seed-reference-data.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fingerprint of everything that goes into the template database (migrations, seed code and its
 * fixtures): a template built from other inputs is never reused.
 */
export function templateFingerprint(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...fs.readdirSync(path.join(ROOT, 'sql')).sort().map((f) => path.join('sql', f)),
    'src/reference/seed-reference-data.ts',
    'src/reference/sco-members.ts',
    'fixtures/satellites.json',
    'fixtures/sco-members.geojson',
  ];
  for (const input of inputs) hash.update(input).update(fs.readFileSync(path.join(ROOT, input)));
  return hash.digest('hex').slice(0, 16);
}

/** Where the embedded template lives for this fingerprint (outside the checkout, reused across runs). */
export function pgliteTemplateDir(fingerprint: string): string {
  return path.join(os.tmpdir(), `eopool-template-${fingerprint}`);
}

export function postgresTemplateName(fingerprint: string): string {
  return `eopool_template_${fingerprint}`;
}

/** `url` with its database name replaced. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** The part of tap's Test that the helpers need. */
export interface Teardown {
  teardown(fn: () => unknown): void;
}

/**
 * A database of its own for one test file, cloned from the template that the `before` script built:
 * `CREATE DATABASE … TEMPLATE` on the server of TEST_DATABASE_URL, or a copied PGlite folder.
 * Dropped when the test ends; register the database's own close after this, so that it runs first.
 */
export async function cloneTemplate(t: Teardown): Promise<DatabaseLocation> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const template = await ensureTemplate(serverUrl);
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  if (serverUrl !== undefined && serverUrl !== '') {
    const name = `eopool_test_${suffix}`;
    await onServer(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    t.teardown(() => dropDatabase(serverUrl, name));
    return { databaseUrl: withDatabaseName(serverUrl, name), dataDir: '' };
  }
  const dir = path.join(os.tmpdir(), `eopool-test-${suffix}`);
  fs.cpSync(template, dir, { recursive: true });
  t.teardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { databaseUrl: null, dataDir: dir };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * FORCE ends the database's sessions, but the server waits only 5 s for them to exit, and on a
 * loaded 2-core CI machine a session (an autovacuum worker, a backend still closing) can take longer:
 * then the drop fails with object_in_use. That, or a connection the loaded server drops, is
 * passing, and the database is a throwaway: try again a few times before failing the file.
 */
async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt === 5) {
        const code = (error as { code?: string }).code;
        throw new Error(`test database ${name} not dropped after ${attempt} tries: ${(error as Error).message}${code === undefined ? '' : ` (${code})`}`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/**
 * Make sure the template of the current fingerprint exists: a migrated, seeded PGlite folder, or on
 * the server of `serverUrl` a template database. Built once per run by tap's `before` script; a
 * test file run on its own builds it when missing. Concurrent builders wait for each other.
 */
export async function ensureTemplate(serverUrl: string | undefined): Promise<string> {
  const fingerprint = templateFingerprint();
  return serverUrl !== undefined && serverUrl !== ''
    ? ensurePostgresTemplate(serverUrl, fingerprint)
    : ensurePgliteTemplate(fingerprint);
}

async function ensurePostgresTemplate(serverUrl: string, fingerprint: string): Promise<string> {
  const name = postgresTemplateName(fingerprint);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // One builder at a time across processes; the others find the template ready.
    await admin.query('SELECT pg_advisory_lock(4206002)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const database = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, building), dataDir: '' });
      await migrate(database.db);
      await seedReferenceData(database.db);
      await database.close();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
    }
  } finally {
    await admin.end();
  }
  return name;
}

async function ensurePgliteTemplate(fingerprint: string): Promise<string> {
  const dir = pgliteTemplateDir(fingerprint);
  const lock = `${dir}.lock`;
  while (!fs.existsSync(path.join(dir, 'READY'))) {
    try {
      fs.mkdirSync(lock);
    } catch {
      // Another process is building it; a lock older than five minutes belonged to one that died.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
      continue;
    }
    try {
      const building = `${dir}.building-${process.pid}`;
      fs.rmSync(building, { recursive: true, force: true });
      const database = await openDatabase({ databaseUrl: null, dataDir: building });
      await migrate(database.db);
      await seedReferenceData(database.db);
      await database.close();
      fs.writeFileSync(path.join(building, 'READY'), new Date().toISOString());
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(building, dir);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}
