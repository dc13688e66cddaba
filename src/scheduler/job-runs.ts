import type { Kysely } from 'kysely';
import type { Database, JobRunRow } from '../db/index.js';

export type JobCounts = Record<string, unknown>;

/** A run as `GET /jobs` shows it. */
export interface JobRun {
  id: string;
  job: string;
  slot: string;
  state: JobRunRow['state'];
  started: string;
  finished: string | null;
  seconds: number | null;
  counts: JobCounts;
  error: string | null;
}

/**
 * Claim (job, slot) for this process: the unique key lets exactly one replica insert the row, so
 * exactly one runs the slot. Returns the run's id, or null when another replica has it.
 */
export async function claimJobSlot(db: Kysely<Database>, job: string, slot: string): Promise<string | null> {
  const row = await db
    .insertInto('job_runs')
    .values({ job, slot, state: 'running' })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row === undefined ? null : String(row.id);
}

/** Close a claimed run with its outcome. */
export async function finishJobRun(
  db: Kysely<Database>,
  id: string,
  outcome: { state: 'succeeded' | 'failed' | 'skipped'; counts?: JobCounts; error?: string | null },
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({
      state: outcome.state,
      finished_at: new Date(),
      counts: JSON.stringify(outcome.counts ?? {}),
      error: outcome.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Run `work` as (job, slot) if this process wins the slot, recording start, end, counts and error.
 * `work` may answer `{skipped: reason}` in its counts to record a skipped run (stale TLEs, say).
 * Returns null when another replica holds the slot.
 */
export async function runJobOnce(
  db: Kysely<Database>,
  job: string,
  slot: string,
  work: () => Promise<JobCounts>,
): Promise<JobRun | null> {
  const id = await claimJobSlot(db, job, slot);
  if (id === null) return null;
  await executeClaimedRun(db, id, work);
  return getJobRun(db, id);
}

/** Run `work` for an already claimed run and record how it ended; never throws for `work`'s faults. */
export async function executeClaimedRun(db: Kysely<Database>, id: string, work: () => Promise<JobCounts>): Promise<void> {
  try {
    const counts = await work();
    await finishJobRun(db, id, { state: typeof counts.skipped === 'string' ? 'skipped' : 'succeeded', counts });
  } catch (error) {
    await finishJobRun(db, id, { state: 'failed', error: error instanceof Error ? error.message : String(error) });
  }
}

export async function getJobRun(db: Kysely<Database>, id: string): Promise<JobRun | null> {
  const row = await db.selectFrom('job_runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : jobRun(row);
}

/** The newest runs first, optionally of one job. */
export async function listJobRuns(db: Kysely<Database>, options: { job?: string; limit: number }): Promise<JobRun[]> {
  let query = db.selectFrom('job_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(options.limit);
  if (options.job !== undefined) query = query.where('job', '=', options.job);
  return (await query.execute()).map(jobRun);
}

function jobRun(row: JobRunRow): JobRun {
  return {
    id: String(row.id),
    job: row.job,
    slot: row.slot,
    state: row.state,
    started: row.started_at.toISOString(),
    finished: row.finished_at?.toISOString() ?? null,
    seconds: row.finished_at === null ? null : (row.finished_at.getTime() - row.started_at.getTime()) / 1000,
    counts: row.counts,
    error: row.error,
  };
}
