import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import type { Scheduler } from '../../scheduler/index.js';
import type { HarvestRunner } from './harvest-runner.js';
import { harvestJob } from './harvest-source-repository.js';
import type { HarvestLogger } from './run-harvest.js';

/** The cron tasks of this process's harvest sources, kept in line with the harvest_sources table. */
export interface HarvestSchedules {
  /** Align the tasks with the table now (after a source is created or deleted). */
  sync(): Promise<void>;
  /** Stop re-reading the table; the scheduler's own stop ends the tasks. */
  stop(): void;
}

/**
 * Run every source with a schedule through the scheduler (node-cron's distributed mode: each slot
 * is elected through job_runs, so one replica runs it). Sources change on any replica, so each
 * process re-reads the table every `resyncMs` as well as when told to.
 */
export function scheduleHarvests(
  db: Kysely<Database>,
  scheduler: Scheduler,
  runner: HarvestRunner,
  options: { logger: HarvestLogger; resyncMs?: number },
): HarvestSchedules {
  const scheduled = new Map<string, string>();
  let syncing: Promise<void> = Promise.resolve();
  const syncNow = async () => {
    const sources = await db.selectFrom('harvest_sources').select(['id', 'schedule']).where('schedule', 'is not', null).execute();
    const wanted = new Map(sources.map((s) => [s.id, s.schedule!]));
    for (const [id, expression] of scheduled) {
      if (wanted.get(id) !== expression) {
        scheduler.cancel(harvestJob(id));
        scheduled.delete(id);
      }
    }
    for (const [id, expression] of wanted) {
      if (scheduled.has(id)) continue;
      scheduler.every(harvestJob(id), expression, (slot) => runner.runScheduled(id, slot));
      scheduled.set(id, expression);
    }
  };
  const sync = () => {
    // One alignment at a time: concurrent ones would schedule a source twice.
    syncing = syncing.then(syncNow, syncNow);
    return syncing;
  };
  const timer = setInterval(() => {
    sync().catch((error: unknown) => options.logger.warn({ err: error }, 'harvest schedules not refreshed'));
  }, options.resyncMs ?? 60_000);
  timer.unref();
  return {
    sync,
    stop() {
      clearInterval(timer);
    },
  };
}
