import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { NotFoundError } from '../../errors.js';

/** The outcome of trying to hold a source for a run. */
export type ClaimOutcome =
  | { claimed: true; /** A run that held the source but had died, now marked failed. */ interrupted: string | null }
  | { claimed: false; /** The run that holds it. */ running: string };

export interface ClaimOptions {
  /** This process's identity (a random id per runner). */
  owner: string;
  /** Another process's run without a heartbeat for this long is taken to have died. */
  staleAfterMs: number;
  /** Whether a run of this process is still going (a run of ours that is not has died with its work). */
  isActiveHere: (runId: string) => boolean;
}

/**
 * Hold a harvest source for run `runId`, so that one run at a time works on it across replicas: the
 * source row records the run, its process and a heartbeat (refreshed with every page). A source
 * held by a live run is not claimed; one held by a dead run (no heartbeat for `staleAfterMs`, or a
 * run of this very process that is no longer going) is taken over, and that run is marked failed.
 *
 * @throws NotFoundError `HarvestSourceNotFound`
 */
export async function claimHarvestSource(db: Kysely<Database>, sourceId: string, runId: string, options: ClaimOptions): Promise<ClaimOutcome> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('harvest_sources')
      .select(['running_run', 'run_owner', sql<boolean>`heartbeat_at < now() - make_interval(secs => ${options.staleAfterMs / 1000})`.as('stale')])
      .where('id', '=', sourceId)
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError('HarvestSourceNotFound', `no harvest source "${sourceId}"`);
    const holder = row.running_run === null ? null : String(row.running_run);
    const dead = holder !== null && (row.stale === true || (row.run_owner === options.owner && !options.isActiveHere(holder)));
    if (holder !== null && !dead) return { claimed: false, running: holder };
    await trx
      .updateTable('harvest_sources')
      .set({ running_run: runId, run_owner: options.owner, heartbeat_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', sourceId)
      .execute();
    if (holder !== null) {
      await trx
        .updateTable('job_runs')
        .set({ state: 'failed', finished_at: sql`now()`, error: `interrupted: the process running it stopped; run ${runId} resumes from its position` })
        .where('id', '=', holder)
        .where('state', '=', 'running')
        .execute();
    }
    return { claimed: true, interrupted: holder };
  });
}

/** Let go of a source after run `runId` (only if that run still holds it). */
export async function releaseHarvestSource(db: Kysely<Database>, sourceId: string, runId: string): Promise<void> {
  await db
    .updateTable('harvest_sources')
    .set({ running_run: null, run_owner: null, heartbeat_at: null, updated_at: sql`now()` })
    .where('id', '=', sourceId)
    .where('running_run', '=', runId)
    .execute();
}
