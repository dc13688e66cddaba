import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { OutboundClient } from '../net/index.js';
import type { Scheduler } from '../scheduler/index.js';
import { deliverDueWebhooks, type WebhookPolicy } from './deliver-webhooks.js';
import { evaluateWatches } from './evaluate-watches.js';

/** The job that evaluates every watch (in /jobs). */
export const WATCHES_JOB = 'monitoring:watches';
/** The job that sends due webhook notices (in /jobs). */
export const WEBHOOKS_JOB = 'monitoring:webhooks';

/**
 * Register monitoring's two jobs with the scheduler (node-cron distributed mode: each slot is
 * elected through job_runs and recorded there): every watch evaluated every five minutes, then the
 * notices it opened sent at once; due notices (retries) sent every minute. Both runs claim each
 * attempt before sending, so overlapping runs never send one twice.
 */
export function scheduleMonitoring(
  scheduler: Scheduler,
  deps: {
    db: Kysely<Database>;
    outbound: OutboundClient;
    clock: () => Date;
    /** False while the process starts (migrations may be running): a slot then records a skip. */
    ready: () => boolean;
    policy?: WebhookPolicy;
  },
): void {
  const starting = { skipped: 'eopool is starting' };
  const deliver = () => deliverDueWebhooks(deps.db, deps.outbound, { now: deps.clock(), policy: deps.policy });
  scheduler.every(WATCHES_JOB, '*/5 * * * *', async () => {
    if (!deps.ready()) return starting;
    const evaluation = await evaluateWatches(deps.db, { now: deps.clock() });
    return { ...evaluation, ...(await deliver()) };
  });
  scheduler.every(WEBHOOKS_JOB, '* * * * *', async () => (deps.ready() ? { ...(await deliver()) } : starting));
}
