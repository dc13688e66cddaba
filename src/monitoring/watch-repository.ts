import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/index.js';
import type { Database, WatchRow } from '../db/index.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { assertOutboundAllowed, type ResolveHost } from '../net/index.js';
import { getTerritory } from '../revisit/index.js';

/** A watch as created through the API. */
export interface NewWatch {
  max_age_hours: number;
  max_cloud_cover?: number | null;
  sensor?: 'optical' | 'sar' | null;
  /** Default 0: any stale part opens an alert. */
  min_stale_share?: number;
  webhook_url: string;
  secret: string;
}

/** A watch as answered: never its secret. */
export interface Watch {
  id: string;
  territory: string;
  member: string | null;
  max_age_hours: number;
  max_cloud_cover: number | null;
  sensor: 'optical' | 'sar' | null;
  min_stale_share: number;
  webhook_url: string;
  created: string;
  evaluated: string | null;
}

/**
 * Store a watch over a territory for the caller (a member's watch, or an admin's with no member).
 * The webhook URL must satisfy the outbound rule now (http(s), a public host unless listed in
 * EOPOOL_ALLOWED_HOSTS); every delivery checks it again.
 *
 * @throws NotFoundError `TerritoryNotFound`; InvalidRequestError `OutboundNotAllowed`
 */
export async function createWatch(
  db: Kysely<Database>,
  territory: string,
  input: NewWatch,
  context: { principal: Principal; allowedHosts: readonly string[]; resolve?: ResolveHost },
): Promise<Watch> {
  await getTerritory(db, territory);
  const url = await assertOutboundAllowed(input.webhook_url, context.allowedHosts, context.resolve);
  const row = await db
    .insertInto('watches')
    .values({
      id: randomUUID(),
      territory,
      member: context.principal.member,
      max_age_hours: input.max_age_hours,
      max_cloud_cover: input.max_cloud_cover ?? null,
      sensor: input.sensor ?? null,
      min_stale_share: input.min_stale_share ?? 0,
      webhook_url: url.href,
      secret: input.secret,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return watchRowToWatch(row);
}

/** The watches of a territory the caller may see: all for an admin, its own for a member. */
export async function listWatches(db: Kysely<Database>, territory: string, principal: Principal): Promise<Watch[]> {
  await getTerritory(db, territory);
  let query = db.selectFrom('watches').selectAll().where('territory', '=', territory);
  if (principal.role !== 'admin') query = query.where('member', '=', principal.member);
  return (await query.orderBy('created_at').orderBy('id').execute()).map(watchRowToWatch);
}

/**
 * Delete a watch with its alerts and their delivery records (an admin, or the member that owns it).
 *
 * @throws NotFoundError `WatchNotFound`; ForbiddenError `Forbidden` for another member's watch
 */
export async function deleteWatch(db: Kysely<Database>, id: string, principal: Principal): Promise<void> {
  const row = await db.selectFrom('watches').select('member').where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new NotFoundError('WatchNotFound', `watch "${id}" does not exist`);
  if (principal.role !== 'admin' && row.member !== principal.member) {
    throw new ForbiddenError('Forbidden', `watch "${id}" belongs to ${row.member ?? 'an admin'}`);
  }
  await db.deleteFrom('watches').where('id', '=', id).execute();
}

function watchRowToWatch(row: WatchRow): Watch {
  return {
    id: row.id,
    territory: row.territory,
    member: row.member,
    max_age_hours: row.max_age_hours,
    max_cloud_cover: row.max_cloud_cover,
    sensor: row.sensor,
    min_stale_share: row.min_stale_share,
    webhook_url: row.webhook_url,
    created: row.created_at.toISOString(),
    evaluated: row.evaluated_at?.toISOString() ?? null,
  };
}
