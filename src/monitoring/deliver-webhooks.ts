import { type Kysely, sql } from 'kysely';
import type { Database, WebhookDeliveryRow } from '../db/index.js';
import type { OutboundClient } from '../net/index.js';
import { SIGNATURE_HEADER, webhookSignature } from './webhook-signature.js';

/** How webhook notices are retried. */
export interface WebhookPolicy {
  /** Attempts per notice, the first included; the last failure is final. */
  maxAttempts: number;
  /** Wait after the first failed attempt; each further one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt, connection to last byte. */
  timeoutMs: number;
}

/**
 * Six attempts over about half an hour (now, then 1, 2, 4, 8 and 16 minutes after each failure),
 * matching the minute-by-minute delivery job.
 */
const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 3_600_000, timeoutMs: 10_000 };

/** What one delivery run did. */
export interface DeliveryRun {
  attempted: number;
  delivered: number;
  failed: number;
  /** Failures that were the notice's last attempt. */
  gaveUp: number;
}

/** A receiver's answer kept in the record, at most this many characters. */
const ERROR_TEXT_MAX = 500;

/**
 * Send every webhook notice due at `now`: each pending attempt row is claimed (so concurrent runs,
 * in this process or another replica, never send it twice), POSTed once with its stored body
 * (`Content-Type: application/json`, `X-Eopool-Signature: sha256=<hex HMAC-SHA256 of the body with
 * the watch's secret>`, `X-Eopool-Event`, `X-Eopool-Delivery` naming the notice, the same on every
 * attempt, for receivers to drop duplicates, and `X-Eopool-Attempt`), without following redirects,
 * through the outbound client (so the URL's host is checked again at connection time), and its
 * outcome recorded on the row. A 2xx answer delivers the notice; anything else fails the attempt
 * and, while attempts remain, writes the next one, due after an exponential backoff. A notice
 * refused by the outbound rule is not retried. An alert's closing notice waits until its opening
 * notice is settled, so receivers see them in order.
 */
export async function deliverDueWebhooks(
  db: Kysely<Database>,
  outbound: OutboundClient,
  options: { now: Date; policy?: WebhookPolicy },
): Promise<DeliveryRun> {
  const policy = options.policy ?? DEFAULT_WEBHOOK_POLICY;
  const run: DeliveryRun = { attempted: 0, delivered: 0, failed: 0, gaveUp: 0 };
  await failInterrupted(db, options.now, policy, run);
  const due = await sql<{ id: string }>`
    SELECT d.id FROM webhook_deliveries d
    WHERE d.state = 'pending' AND d.due_at <= ${options.now}
      AND NOT (d.event = 'alert.closed' AND EXISTS (
        SELECT 1 FROM webhook_deliveries o
        WHERE o.alert_id = d.alert_id AND o.event = 'alert.opened' AND o.state IN ('pending', 'sending')))
    ORDER BY d.due_at, d.id
    LIMIT 100`.execute(db);
  for (const { id } of due.rows) {
    const claimed = await db
      .updateTable('webhook_deliveries')
      .set({ state: 'sending', attempted_at: options.now })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (claimed === undefined) continue;
    run.attempted++;
    await attempt(db, outbound, claimed, options.now, policy, run);
  }
  return run;
}

async function attempt(
  db: Kysely<Database>,
  outbound: OutboundClient,
  delivery: WebhookDeliveryRow,
  now: Date,
  policy: WebhookPolicy,
  run: DeliveryRun,
): Promise<void> {
  const watch = await db
    .selectFrom('alerts')
    .innerJoin('watches', 'watches.id', 'alerts.watch_id')
    .select(['watches.webhook_url', 'watches.secret'])
    .where('alerts.id', '=', delivery.alert_id)
    .executeTakeFirstOrThrow();
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  let retry = true;
  try {
    const response = await outbound.request(watch.webhook_url, {
      method: 'POST',
      body: delivery.body,
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: webhookSignature(watch.secret, delivery.body),
        'x-eopool-event': delivery.event,
        'x-eopool-delivery': `${delivery.alert_id}/${delivery.event}`,
        'x-eopool-attempt': String(delivery.attempt),
      },
      retry: null,
      maxRedirects: 0,
      timeoutMs: policy.timeoutMs,
      maxBytes: 64 * 1024,
    });
    statusCode = response.status;
    if (statusCode < 200 || statusCode > 299) error = `answered ${statusCode}: ${response.body.toString('utf8').slice(0, ERROR_TEXT_MAX)}`;
  } catch (caught) {
    error = (caught as Error).message.slice(0, ERROR_TEXT_MAX);
    retry = (caught as { code?: unknown }).code !== 'OutboundNotAllowed';
  }
  const durationMs = performance.now() - started;
  if (error === null) {
    await db
      .updateTable('webhook_deliveries')
      .set({ state: 'delivered', status_code: statusCode, duration_ms: durationMs })
      .where('id', '=', delivery.id)
      .execute();
    run.delivered++;
    return;
  }
  await recordFailure(db, delivery, { statusCode, error, durationMs, retry }, now, policy, run);
}

async function recordFailure(
  db: Kysely<Database>,
  delivery: WebhookDeliveryRow,
  failure: { statusCode: number | null; error: string; durationMs: number | null; retry: boolean },
  now: Date,
  policy: WebhookPolicy,
  run: DeliveryRun,
): Promise<void> {
  const last = !failure.retry || delivery.attempt >= policy.maxAttempts;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('webhook_deliveries')
      .set({ state: 'failed', status_code: failure.statusCode, error: failure.error, duration_ms: failure.durationMs })
      .where('id', '=', delivery.id)
      .execute();
    if (last) return;
    const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (delivery.attempt - 1));
    await trx
      .insertInto('webhook_deliveries')
      .values({
        alert_id: delivery.alert_id,
        event: delivery.event,
        attempt: delivery.attempt + 1,
        body: delivery.body,
        due_at: new Date(now.getTime() + delayMs),
        state: 'pending',
      })
      .onConflict((oc) => oc.columns(['alert_id', 'event', 'attempt']).doNothing())
      .execute();
  });
  run.failed++;
  if (last) run.gaveUp++;
}

/**
 * Attempts left `sending` by a run that died (a crash, a lost replica) long enough ago that no
 * answer can still come: failed as interrupted, and retried like any failure.
 */
async function failInterrupted(db: Kysely<Database>, now: Date, policy: WebhookPolicy, run: DeliveryRun): Promise<void> {
  const cutoff = new Date(now.getTime() - 2 * policy.timeoutMs - 60_000);
  const stuck = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('state', '=', 'sending')
    .where('attempted_at', '<', cutoff)
    .execute();
  for (const delivery of stuck) {
    await recordFailure(db, delivery, { statusCode: null, error: 'interrupted: the delivery run ended before an answer', durationMs: null, retry: true }, now, policy, run);
  }
}
