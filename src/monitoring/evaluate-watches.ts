import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AlertRow, Database, WatchRow } from '../db/index.js';
import { getTerritory, type Territory } from '../revisit/index.js';
import { territoryGaps, type TerritoryGaps } from './territory-gaps.js';
import type { Alert } from './alert-repository.js';

/** What one evaluation of the watches did. */
export interface WatchEvaluation {
  watches: number;
  /** Alerts opened, closed, and open alerts still in breach. */
  opened: number;
  closed: number;
  stillOpen: number;
}

/** A webhook's JSON body for an alert that opened or closed. */
export interface AlertNotice {
  event: 'alert.opened' | 'alert.closed';
  alert: Pick<Alert, 'id' | 'watch' | 'territory' | 'state' | 'opened' | 'closed' | 'stale_area_km2' | 'stale_share'> & {
    max_age_hours: number;
    max_cloud_cover: number | null;
    sensor: 'optical' | 'sar' | null;
  };
}

/**
 * Below this share of the territory, an uncovered remainder is taken for the seams that floating
 * point leaves between footprints that touch, not for a gap.
 */
const SEAM_SHARE = 1e-6;

/**
 * Evaluate every watch at `now`: the stale part of its territory is what no qualifying scene of the
 * last `max_age_hours` covers (`territoryGaps`; watches with the same territory and rules share one
 * computation). A breach (stale share above the watch's `min_stale_share`) opens an alert with the
 * stale area and share, unless one is open; a watch whose territory is covered again closes its
 * open alert. Each opening and closing writes, in the same transaction, the first delivery attempt
 * of its webhook notice (`webhook_deliveries`, due at once); `deliverDueWebhooks` sends it.
 */
export async function evaluateWatches(db: Kysely<Database>, options: { now: Date }): Promise<WatchEvaluation> {
  const watches = await db.selectFrom('watches').selectAll().orderBy('id').execute();
  const territories = new Map<string, Territory>();
  const gapsByRule = new Map<string, TerritoryGaps>();
  const result: WatchEvaluation = { watches: watches.length, opened: 0, closed: 0, stillOpen: 0 };
  for (const watch of watches) {
    const rule = JSON.stringify([watch.territory, watch.max_age_hours, watch.max_cloud_cover, watch.sensor]);
    let gaps = gapsByRule.get(rule);
    if (gaps === undefined) {
      let territory = territories.get(watch.territory);
      if (territory === undefined) {
        territory = await getTerritory(db, watch.territory);
        territories.set(watch.territory, territory);
      }
      const since = new Date(options.now.getTime() - watch.max_age_hours * 3_600_000);
      gaps = await territoryGaps(db, territory, { since, at: options.now }, { maxCloudCover: watch.max_cloud_cover, sensor: watch.sensor });
      gapsByRule.set(rule, gaps);
    }
    const breach = gaps.stale_share > Math.max(watch.min_stale_share, SEAM_SHARE);
    const outcome = await db.transaction().execute((trx) => applyEvaluation(trx, watch, gaps, breach, options.now));
    if (outcome === 'opened') result.opened++;
    else if (outcome === 'closed') result.closed++;
    else if (outcome === 'still-open') result.stillOpen++;
  }
  return result;
}

async function applyEvaluation(
  trx: Transaction<Database>,
  watch: WatchRow,
  gaps: TerritoryGaps,
  breach: boolean,
  now: Date,
): Promise<'opened' | 'closed' | 'still-open' | 'quiet'> {
  await trx.updateTable('watches').set({ evaluated_at: now }).where('id', '=', watch.id).execute();
  const open = await trx.selectFrom('alerts').selectAll().where('watch_id', '=', watch.id).where('state', '=', 'open').forUpdate().executeTakeFirst();
  if (breach && open === undefined) {
    const inserted = await trx
      .insertInto('alerts')
      .values({
        id: randomUUID(),
        watch_id: watch.id,
        territory: watch.territory,
        state: 'open',
        opened_at: now,
        stale_area_km2: gaps.stale_area_km2,
        stale_share: gaps.stale_share,
        current_stale_area_km2: gaps.stale_area_km2,
        current_stale_share: gaps.stale_share,
        evaluated_at: now,
      })
      // Two evaluations racing: the partial unique index lets one alert open.
      .onConflict((oc) => oc.column('watch_id').where(sql<boolean>`state = 'open'`).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted === undefined) return 'still-open';
    await enqueueNotice(trx, watch, inserted, 'alert.opened', now);
    return 'opened';
  }
  if (open === undefined) return 'quiet';
  if (breach) {
    await trx
      .updateTable('alerts')
      .set({ current_stale_area_km2: gaps.stale_area_km2, current_stale_share: gaps.stale_share, evaluated_at: now })
      .where('id', '=', open.id)
      .execute();
    return 'still-open';
  }
  const closed = await trx
    .updateTable('alerts')
    .set({ state: 'closed', closed_at: now, current_stale_area_km2: gaps.stale_area_km2, current_stale_share: gaps.stale_share, evaluated_at: now })
    .where('id', '=', open.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await enqueueNotice(trx, watch, closed, 'alert.closed', now);
  return 'closed';
}

async function enqueueNotice(trx: Transaction<Database>, watch: WatchRow, alert: AlertRow, event: AlertNotice['event'], now: Date): Promise<void> {
  const notice: AlertNotice = {
    event,
    alert: {
      id: alert.id,
      watch: watch.id,
      territory: alert.territory,
      state: alert.state,
      opened: alert.opened_at.toISOString(),
      closed: alert.closed_at?.toISOString() ?? null,
      stale_area_km2: alert.stale_area_km2,
      stale_share: alert.stale_share,
      max_age_hours: watch.max_age_hours,
      max_cloud_cover: watch.max_cloud_cover,
      sensor: watch.sensor,
    },
  };
  await trx
    .insertInto('webhook_deliveries')
    .values({ alert_id: alert.id, event, attempt: 1, body: JSON.stringify(notice), due_at: now, state: 'pending' })
    .execute();
}
