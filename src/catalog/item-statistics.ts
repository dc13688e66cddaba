import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/index.js';
import type { Scheduler } from '../scheduler/index.js';

/** The job's name in job_runs and its cron expression (UTC): every five minutes. */
export const ITEM_STATISTICS_JOB = 'item-statistics';
export const ITEM_STATISTICS_CRON = '*/5 * * * *';

/** Items written since the last ANALYZE before another is due: PostgreSQL's autovacuum defaults. */
const CHANGED_BASE = 50;
const CHANGED_SHARE = 0.1;

export interface ItemStatisticsRefresh {
  /** Whether ANALYZE ran. */
  analysed: boolean;
  /** Rows the planner counted at the last ANALYZE (0 before any). */
  rows: number;
  /** Items written since then, counted up to the threshold. */
  written: number;
}

/**
 * Keep the planner's statistics of `items` current: ANALYZE once more than 50 items plus a tenth of
 * the table were written (inserted or changed) since the last one, as autovacuum does on a
 * PostgreSQL server. Embedded PGlite runs no autovacuum, so without this its planner would never
 * learn how many items there are or where they lie, and searches would choose their plans (and
 * whether to count their matches) blind. On a server whose autovacuum got there first, this finds
 * nothing to do. Writes are found by their `ingested` time, whose index makes the check cheap.
 */
export async function refreshItemStatistics(db: Kysely<Database>): Promise<ItemStatisticsRefresh> {
  const state = await sql<{ rows: number; analysed_at: Date | null }>`
    SELECT GREATEST(c.reltuples, 0)::float8 AS rows, GREATEST(s.last_analyze, s.last_autoanalyze) AS analysed_at
    FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
    WHERE c.oid = 'items'::regclass`.execute(db);
  const rows = Number(state.rows[0]?.rows ?? 0);
  const analysedAt = state.rows[0]?.analysed_at ?? null;
  const threshold = Math.ceil(CHANGED_BASE + CHANGED_SHARE * rows);
  // Without a time of the last ANALYZE (none yet, or the server's counters were reset), every item
  // counts as written since.
  const since = analysedAt === null ? sql`TRUE` : sql`items.ingested > ${analysedAt}`;
  const counted = await sql<{ written: string }>`
    SELECT count(*) AS written FROM (SELECT 1 FROM items WHERE ${since} LIMIT ${threshold + 1}) AS recent`.execute(db);
  const written = Number(counted.rows[0]?.written ?? 0);
  if (written <= threshold) return { analysed: false, rows, written };
  await sql`ANALYZE items`.execute(db);
  return { analysed: true, rows, written };
}

/** Check every five minutes through the scheduler (one replica per slot). Returns the way to stop it. */
export function scheduleItemStatistics(scheduler: Scheduler, db: Kysely<Database>): () => void {
  scheduler.every(ITEM_STATISTICS_JOB, ITEM_STATISTICS_CRON, async () => ({ ...(await refreshItemStatistics(db)) }));
  return () => scheduler.cancel(ITEM_STATISTICS_JOB);
}
