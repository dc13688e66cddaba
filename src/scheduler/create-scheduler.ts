import type { Kysely } from 'kysely';
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Database } from '../db/index.js';
import { claimJobSlot, executeClaimedRun, type JobCounts } from './job-runs.js';

export interface SchedulerLogger {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface Scheduler {
  /**
   * Run `work` on a cron schedule (UTC) in node-cron's distributed mode: before each slot the
   * coordinator inserts (job, slot) into job_runs with ON CONFLICT DO NOTHING, so across replicas
   * exactly one runs it; the same row records the run. A slot whose previous run is still going is
   * skipped (noOverlap).
   */
  every(job: string, expression: string, work: (slot: Date) => Promise<JobCounts>): void;
  /** Stop and forget one job (a deleted harvest source, say). */
  cancel(job: string): void;
  stop(): Promise<void>;
}

/** A scheduler whose runs are elected and recorded through the job_runs table. */
export function createScheduler(db: Kysely<Database>, logger: SchedulerLogger): Scheduler {
  const tasks = new Map<string, ScheduledTask>();
  // The coordinator claims the row; the task then finds its run id under the same key.
  const claimed = new Map<string, string>();
  const coordinator: RunCoordinator = {
    async shouldRun(key) {
      // node-cron's key is `${name}:${slot.toISOString()}`; the ISO time is always 24 characters.
      const id = await claimJobSlot(db, key.slice(0, -25), key.slice(-24));
      if (id === null) return false;
      claimed.set(key, id);
      return true;
    },
    onComplete(key) {
      claimed.delete(key);
    },
  };
  return {
    every(job, expression, work) {
      tasks.get(job)?.destroy();
      const task = cron.schedule(
        expression,
        async (context) => {
          const key = `${job}:${context.date.toISOString()}`;
          const id = claimed.get(key);
          if (id === undefined) return;
          const started = Date.now();
          logger.info({ job, slot: context.date.toISOString() }, 'job started');
          await executeClaimedRun(db, id, () => work(context.date));
          logger.info({ job, seconds: (Date.now() - started) / 1000 }, 'job finished');
        },
        { name: job, timezone: 'Etc/UTC', distributed: true, runCoordinator: coordinator, noOverlap: true, unref: true },
      );
      tasks.set(job, task);
    },
    cancel(job) {
      tasks.get(job)?.destroy();
      tasks.delete(job);
    },
    async stop() {
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
    },
  };
}
