import type { Kysely } from 'kysely';
import type { AlertRow, Database, WebhookDeliveryRow } from '../db/index.js';
import { NotFoundError } from '../errors.js';

/** Where an alert's webhook notice stands. */
export interface NoticeStatus {
  /** `pending`: not yet delivered, attempts remain; `failed`: the last attempt failed, none remain. */
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_attempt: string | null;
  last_status_code: number | null;
  last_error: string | null;
  /** When the next attempt is due (pending only). */
  next_attempt: string | null;
}

/** An alert as answered. */
export interface Alert {
  id: string;
  watch: string;
  territory: string;
  state: 'open' | 'closed';
  opened: string;
  closed: string | null;
  /** The stale part when the alert opened. */
  stale_area_km2: number;
  stale_share: number;
  /** The stale part at the latest evaluation. */
  current: { stale_area_km2: number; stale_share: number; evaluated: string };
  notices: { opened: NoticeStatus | null; closed: NoticeStatus | null };
}

/** One recorded delivery attempt. */
export interface DeliveryAttempt {
  event: 'alert.opened' | 'alert.closed';
  attempt: number;
  state: WebhookDeliveryRow['state'];
  due: string;
  attempted: string | null;
  status_code: number | null;
  error: string | null;
  duration_ms: number | null;
}

/** Alerts newest first, optionally of one territory or state. */
export async function listAlerts(
  db: Kysely<Database>,
  filter: { territory?: string; state?: 'open' | 'closed'; limit: number },
): Promise<Alert[]> {
  let query = db.selectFrom('alerts').selectAll().orderBy('opened_at', 'desc').orderBy('id').limit(filter.limit);
  if (filter.territory !== undefined) query = query.where('territory', '=', filter.territory);
  if (filter.state !== undefined) query = query.where('state', '=', filter.state);
  const alerts = await query.execute();
  const deliveries = await attemptsOf(db, alerts.map((a) => a.id));
  return alerts.map((row) => alertRowToAlert(row, deliveries.filter((d) => d.alert_id === row.id)));
}

/** One alert with every delivery attempt of its notices; throws NotFoundError `AlertNotFound`. */
export async function getAlert(db: Kysely<Database>, id: string): Promise<Alert & { deliveries: DeliveryAttempt[] }> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new NotFoundError('AlertNotFound', `alert "${id}" does not exist`);
  const deliveries = await attemptsOf(db, [id]);
  return {
    ...alertRowToAlert(row, deliveries),
    deliveries: deliveries.map((d) => ({
      event: d.event,
      attempt: d.attempt,
      state: d.state,
      due: d.due_at.toISOString(),
      attempted: d.attempted_at?.toISOString() ?? null,
      status_code: d.status_code,
      error: d.error,
      duration_ms: d.duration_ms,
    })),
  };
}

async function attemptsOf(db: Kysely<Database>, alertIds: string[]): Promise<WebhookDeliveryRow[]> {
  if (alertIds.length === 0) return [];
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('alert_id', 'in', alertIds)
    .orderBy('alert_id')
    .orderBy('event', 'desc')
    .orderBy('attempt')
    .execute();
}

function alertRowToAlert(row: AlertRow, deliveries: WebhookDeliveryRow[]): Alert {
  return {
    id: row.id,
    watch: row.watch_id,
    territory: row.territory,
    state: row.state,
    opened: row.opened_at.toISOString(),
    closed: row.closed_at?.toISOString() ?? null,
    stale_area_km2: row.stale_area_km2,
    stale_share: row.stale_share,
    current: { stale_area_km2: row.current_stale_area_km2, stale_share: row.current_stale_share, evaluated: row.evaluated_at.toISOString() },
    notices: {
      opened: noticeStatus(deliveries.filter((d) => d.event === 'alert.opened')),
      closed: noticeStatus(deliveries.filter((d) => d.event === 'alert.closed')),
    },
  };
}

function noticeStatus(attempts: WebhookDeliveryRow[]): NoticeStatus | null {
  const last = attempts.reduce<WebhookDeliveryRow | null>((latest, d) => (latest === null || d.attempt > latest.attempt ? d : latest), null);
  if (last === null) return null;
  const tried = attempts.filter((d) => d.attempted_at !== null).sort((a, b) => a.attempt - b.attempt).at(-1) ?? null;
  return {
    state: last.state === 'delivered' ? 'delivered' : last.state === 'failed' ? 'failed' : 'pending',
    attempts: attempts.filter((d) => d.attempted_at !== null).length,
    last_attempt: tried?.attempted_at?.toISOString() ?? null,
    last_status_code: tried?.status_code ?? null,
    last_error: tried?.error ?? null,
    next_attempt: last.state === 'pending' ? last.due_at.toISOString() : null,
  };
}
