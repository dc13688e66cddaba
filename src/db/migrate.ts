import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.js';
import { splitSqlStatements } from './split-sql-statements.js';

export const SQL_DIR = fileURLToPath(new URL('../../sql/', import.meta.url));

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;
/** Any constant: only eopool's migrations take this advisory lock. */
const MIGRATION_LOCK_KEY = 4_206_001;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The migration files of `dir` in the order they apply. */
export function readMigrations(dir: string = SQL_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => MIGRATION_FILE.test(name))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Apply the migrations not yet recorded, each in its own transaction together with its record, so a
 * failing file leaves nothing behind. Replicas starting together on one PostgreSQL wait for each
 * other on an advisory lock. An applied file whose text changed is refused: shipped migrations are
 * frozen, a fix gets a new number. Returns the names applied by this call.
 */
export async function migrate(db: Kysely<Database>, dir: string = SQL_DIR): Promise<string[]> {
  const files = readMigrations(dir);
  await sql`CREATE TABLE IF NOT EXISTS eopool_migrations (
    name text PRIMARY KEY,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const applied: string[] = [];
  for (const file of files) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      const recorded = await trx
        .selectFrom('eopool_migrations')
        .select('checksum')
        .where('name', '=', file.name)
        .executeTakeFirst();
      if (recorded !== undefined) {
        if (recorded.checksum !== file.checksum) {
          throw new Error(`migration ${file.name} was changed after it was applied; add a new migration instead`);
        }
        return false;
      }
      for (const statement of splitSqlStatements(file.sql)) {
        await sql.raw(statement).execute(trx);
      }
      await trx.insertInto('eopool_migrations').values({ name: file.name, checksum: file.checksum }).execute();
      return true;
    });
    if (done) applied.push(file.name);
  }
  return applied;
}
