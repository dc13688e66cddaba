import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { ConflictError } from '../../errors.js';
import { DEFAULT_RETRY, type OutboundClient, type RetryPolicy } from '../../net/index.js';
import { claimJobSlot, executeClaimedRun, finishJobRun, getJobRun, type JobCounts, type JobRun } from '../../scheduler/index.js';
import type { StacPreparer } from '../prepare-stac.js';
import { claimHarvestSource, releaseHarvestSource } from './harvest-lock.js';
import { getHarvestSource, harvestJob } from './harvest-source-repository.js';
import { type HarvestCounts, type HarvestLogger, runHarvest } from './run-harvest.js';

export interface HarvestRunnerOptions {
  db: Kysely<Database>;
  stac: StacPreparer;
  outbound: OutboundClient;
  logger: HarvestLogger;
  /** Items per page asked of the remote. Default 1000. */
  pageSize?: number;
  /** How long a request is retried before the run gives up (failed, position kept). Default: 5 minutes of backoff. */
  retry?: RetryPolicy;
  /** Per request attempt. Default 60 s. */
  timeoutMs?: number;
  /** A run of another process without a heartbeat for this long is taken over. Default 15 minutes. */
  staleAfterMs?: number;
}

/** Per run: after each committed page (tests stop a run there as a dying process would). */
export interface HarvestRunHooks {
  afterPage?: (counts: HarvestCounts) => void | Promise<void>;
}

/** Runs harvests: on demand in the background, in the foreground (CLI), or for a scheduled slot. */
export interface HarvestRunner {
  /**
   * Start a run of `sourceId` now and answer its run id (a /jobs id) as soon as it holds the
   * source; the run goes on in the background.
   *
   * @throws NotFoundError `HarvestSourceNotFound`
   * @throws ConflictError `HarvestRunning` when a run of the source is still going
   */
  start(sourceId: string, hooks?: HarvestRunHooks): Promise<string>;
  /** Run `sourceId` now and wait for its end; answers the recorded run (failed runs too). */
  run(sourceId: string, hooks?: HarvestRunHooks): Promise<JobRun>;
  /**
   * The work of a scheduled slot whose job_runs row the scheduler claimed: run, or record the slot
   * as skipped when a run of the source is still going.
   */
  runScheduled(sourceId: string, slot: Date): Promise<JobCounts>;
  /** Stop this process's run of a source (it is being deleted). */
  abort(sourceId: string): void;
  /** Stop every run of this process and wait for them to wind up (their positions are kept). */
  close(): Promise<void>;
}

interface ActiveRun {
  sourceId: string;
  controller: AbortController;
  done: Promise<unknown>;
}

/**
 * A harvest runner for this process. One run at a time per source across processes
 * (`claimHarvestSource`); each run is a job_runs row of job `harvest:<source id>`, so /jobs and
 * /harvest-sources/{id}/runs show it, with its counts updated after every page.
 */
export function createHarvestRunner(options: HarvestRunnerOptions): HarvestRunner {
  const owner = randomBytes(8).toString('hex');
  const active = new Map<string, ActiveRun>();
  // Runs started in the background, until their outcome is recorded.
  const background = new Set<Promise<void>>();
  const { db } = options;

  // Runs between claiming a source and starting: alive, though not yet in `active`.
  const claiming = new Set<string>();

  async function hold(sourceId: string, runId: string) {
    claiming.add(runId);
    try {
      return await claimHarvestSource(db, sourceId, runId, {
        owner,
        staleAfterMs: options.staleAfterMs ?? 15 * 60_000,
        isActiveHere: (id) => active.has(id) || claiming.has(id),
      });
    } catch (error) {
      claiming.delete(runId);
      throw error;
    }
  }

  /** Run `runId`, which holds the source, tracked as active until it ends. */
  function execute(sourceId: string, runId: string, hooks: HarvestRunHooks): Promise<HarvestCounts> {
    const controller = new AbortController();
    const work = runHarvest(
      {
        db,
        stac: options.stac,
        outbound: options.outbound,
        logger: options.logger,
        pageSize: options.pageSize ?? 1000,
        request: {
          retry: options.retry ?? DEFAULT_RETRY,
          timeoutMs: options.timeoutMs ?? 60_000,
          signal: controller.signal,
          onRetry: (event) => options.logger.warn({ source: sourceId, run: runId, ...event }, 'harvest request retried'),
        },
        afterPage: hooks.afterPage,
      },
      sourceId,
      runId,
    )
      .catch((error: unknown) => {
        if (!controller.signal.aborted) throw error;
        throw new Error(`stopped (${(controller.signal.reason as Error).message}); the next run resumes from the position reached`);
      })
      .finally(async () => {
        active.delete(runId);
        await releaseHarvestSource(db, sourceId, runId);
      });
    active.set(runId, { sourceId, controller, done: work.catch(() => undefined) });
    claiming.delete(runId);
    return work;
  }

  async function claimManualRun(sourceId: string): Promise<string> {
    await getHarvestSource(db, sourceId);
    const runId = (await claimJobSlot(db, harvestJob(sourceId), `manual:${new Date().toISOString()}:${randomBytes(3).toString('hex')}`))!;
    const claim = await hold(sourceId, runId);
    if (!claim.claimed) {
      claiming.delete(runId);
      const reason = `run ${claim.running} of this source is still going`;
      await finishJobRun(db, runId, { state: 'skipped', counts: { skipped: reason } });
      throw new ConflictError('HarvestRunning', `${reason}; try again when it has ended`, { run: claim.running });
    }
    return runId;
  }

  return {
    async start(sourceId, hooks = {}) {
      const runId = await claimManualRun(sourceId);
      const recorded = executeClaimedRun(db, runId, () => execute(sourceId, runId, hooks)).finally(() => background.delete(recorded));
      background.add(recorded);
      return runId;
    },
    async run(sourceId, hooks = {}) {
      const runId = await claimManualRun(sourceId);
      await executeClaimedRun(db, runId, () => execute(sourceId, runId, hooks));
      return (await getJobRun(db, runId))!;
    },
    async runScheduled(sourceId, slot) {
      const row = await db
        .selectFrom('job_runs')
        .select('id')
        .where('job', '=', harvestJob(sourceId))
        .where('slot', '=', slot.toISOString())
        .executeTakeFirstOrThrow();
      const runId = String(row.id);
      const claim = await hold(sourceId, runId);
      if (!claim.claimed) {
        claiming.delete(runId);
        return { skipped: `run ${claim.running} of this source is still going` };
      }
      return execute(sourceId, runId, {});
    },
    abort(sourceId) {
      for (const run of active.values()) if (run.sourceId === sourceId) run.controller.abort(new Error('the harvest source was deleted'));
    },
    async close() {
      const runs = [...active.values()];
      for (const run of runs) run.controller.abort(new Error('eopool is stopping'));
      await Promise.all([...runs.map((r) => r.done), ...background]);
    },
  };
}
