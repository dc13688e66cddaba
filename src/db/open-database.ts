import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { leanPostgis } from './lean-postgis.js';
import type { Database } from './database.js';

export type DatabaseEngine = 'pglite' | 'postgres';

export interface OpenDatabase {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  /** Closes the connections and releases the data folder. */
  close(): Promise<void>;
}

export interface DatabaseLocation {
  /** A PostgreSQL URL; null for the embedded engine. */
  databaseUrl: string | null;
  /** The embedded engine's folder (ignored with a URL). */
  dataDir: string;
}

/**
 * Set on each of eopool's own sessions, whatever the database's defaults: eopool's statements are
 * short and must answer in milliseconds, and compiling them to machine code (JIT) or starting
 * parallel workers costs more than it saves (tens of milliseconds each, measured on 1,000,000
 * items). sql/0004 sets the same as the database's defaults, but a database copied from another
 * (CREATE DATABASE … TEMPLATE, a restored dump) does not carry those.
 */
const SESSION_SETTINGS = 'SET jit = off; SET max_parallel_workers_per_gather = 0';

/**
 * Open eopool's database: Kysely over `pg` when a URL is given, else over embedded PGlite with
 * PostGIS in `dataDir`, locked against a second process. Both run the same SQL.
 */
export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  if (location.databaseUrl !== null) {
    const pool = new pg.Pool({ connectionString: location.databaseUrl, max: 10 });
    // Queued on a new connection before anything else it runs; a failure only leaves the server's
    // defaults. Not startup options: a pooler such as PgBouncer refuses those by default.
    pool.on('connect', (client) => void client.query(SESSION_SETTINGS).catch(() => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const release = lockDataDir(location.dataDir);
  try {
    const pglite = await PGlite.create(location.dataDir, { extensions: { postgis: leanPostgis, btree_gist } });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      engine: 'pglite',
      close: async () => {
        try {
          await db.destroy();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
