import type { Scheduler } from '../scheduler/index.js';
import { startOfUtcDay } from './plan-revisit.js';
import type { RevisitService } from './revisit-service.js';

/** The nightly job's name in job_runs and its cron expression (UTC): 02:00 every day. */
export const REVISIT_NIGHTLY_JOB = 'revisit-nightly';
export const REVISIT_NIGHTLY_CRON = '0 2 * * *';

/**
 * Every night, recompute each territory's stored window (passes and statistics of the pool over the
 * next 14 days from 00:00 UTC) through the scheduler: node-cron's distributed mode elects one
 * replica per slot through job_runs, which records the run (`skipped` with the reason when TLEs
 * are stale). Returns the way to stop it.
 */
export function scheduleRevisitRefresh(scheduler: Scheduler, service: RevisitService): () => void {
  scheduler.every(REVISIT_NIGHTLY_JOB, REVISIT_NIGHTLY_CRON, (slot) => service.refreshStoredWindows({ dayStart: startOfUtcDay(slot) }));
  return () => scheduler.cancel(REVISIT_NIGHTLY_JOB);
}
