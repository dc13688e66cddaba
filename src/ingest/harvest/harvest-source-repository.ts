import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { validate as validCron } from 'node-cron';
import type { Principal } from '../../auth/index.js';
import type { Database, HarvestSourceRow } from '../../db/index.js';
import { ForbiddenError, InvalidRequestError, NotFoundError } from '../../errors.js';
import { assertOutboundAllowed, type ResolveHost } from '../../net/index.js';
import { parseCql2Json } from '../../stac/cql2/index.js';
import type { HarvestPosition } from './harvest-position.js';

/** A member's STAC API that eopool harvests, as the API shows it. */
export interface HarvestSource {
  id: string;
  member: string;
  /** The remote STAC API's root (landing page). */
  url: string;
  /** Remote collection id → local collection id. */
  collections: Record<string, string>;
  /** CQL2 JSON the remote search is restricted by. */
  filter: Record<string, unknown> | null;
  /** Cron expression (UTC); null: runs on demand only. */
  schedule: string | null;
  /** How far before the cursor an incremental run starts, in seconds. */
  overlapSeconds: number;
  /** The remote's time when the last completed run began: the next incremental run asks for items since then (minus the overlap). */
  cursor: string | null;
  /** The next request of an unfinished run, where the next run resumes; null when none is pending. */
  position: HarvestPosition | null;
  /** The run (a /jobs run id) holding the source, or null. */
  runningRun: string | null;
  created: string;
  updated: string;
}

/** What a client sends to register a source. */
export interface NewHarvestSource {
  member: string;
  url: string;
  collections: Record<string, string>;
  filter?: Record<string, unknown> | null;
  schedule?: string | null;
  overlapSeconds?: number;
}

/** The job name of a source's runs in job_runs and /jobs. */
export function harvestJob(sourceId: string): string {
  return `harvest:${sourceId}`;
}

/** The sender name of a source's rejected items. */
export function harvestRejectionSource(sourceId: string): string {
  return `harvest:${sourceId}`;
}

/**
 * Register a harvest source after checking it: the member exists and is the caller's (or the
 * caller is an admin); the URL passes the outbound rule; the schedule is a valid cron expression;
 * the filter is valid CQL2 JSON; every mapped local collection that exists belongs to the member
 * (those that do not exist are created from the remote's documents on the first run).
 *
 * @throws InvalidRequestError `UnknownMember`, `OutboundNotAllowed`, `InvalidSchedule`, `InvalidCollections`, or a CQL2 code
 * @throws ForbiddenError when the caller may not act for the member or a local collection is another member's
 */
export async function createHarvestSource(
  db: Kysely<Database>,
  input: NewHarvestSource,
  context: { principal: Principal; allowedHosts: readonly string[]; resolve?: ResolveHost },
): Promise<HarvestSource> {
  assertMayActFor(context.principal, input.member);
  const member = await db.selectFrom('members').select('code').where('code', '=', input.member).executeTakeFirst();
  if (member === undefined) throw new InvalidRequestError('UnknownMember', `"${input.member}" is not an SCO member code`);
  const url = (await assertOutboundAllowed(input.url, context.allowedHosts, context.resolve)).href.replace(/\/+$/, '');
  if (input.schedule !== undefined && input.schedule !== null && !validCron(input.schedule)) {
    throw new InvalidRequestError('InvalidSchedule', `"${input.schedule}" is not a cron expression (minute hour day month weekday, optionally seconds first)`);
  }
  if (input.filter !== undefined && input.filter !== null) parseCql2Json(input.filter);
  const pairs = Object.entries(input.collections);
  if (pairs.length === 0 || pairs.some(([remote, local]) => remote === '' || typeof local !== 'string' || local === '')) {
    throw new InvalidRequestError('InvalidCollections', '"collections" maps each remote collection id to a local collection id, at least one');
  }
  const locals = [...new Set(pairs.map(([, local]) => local))];
  const owned = await db.selectFrom('collections').select(['id', 'member']).where('id', 'in', locals).execute();
  const foreign = owned.find((c) => c.member !== input.member);
  if (foreign !== undefined) {
    throw new ForbiddenError('Forbidden', `local collection "${foreign.id}" belongs to ${foreign.member}; a source of ${input.member} may not write to it`);
  }
  const row = await db
    .insertInto('harvest_sources')
    .values({
      id: randomBytes(8).toString('hex'),
      member: input.member,
      url,
      collections: JSON.stringify(input.collections),
      filter: input.filter === undefined || input.filter === null ? null : JSON.stringify(input.filter),
      schedule: input.schedule ?? null,
      overlap_seconds: input.overlapSeconds ?? 300,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return harvestSourceOf(row);
}

/**
 * The source with the same member, URL, collections and filter, or a new one (the CLI's one-off
 * harvests: running the same command again continues incrementally, or resumes a run that died).
 */
export async function findOrCreateHarvestSource(
  db: Kysely<Database>,
  input: NewHarvestSource,
  context: { principal: Principal; allowedHosts: readonly string[] },
): Promise<HarvestSource> {
  const url = URL.canParse(input.url) ? new URL(input.url).href.replace(/\/+$/, '') : input.url;
  const candidates = await db.selectFrom('harvest_sources').selectAll().where('member', '=', input.member).where('url', 'in', [url, `${url}/`]).execute();
  const same = candidates.find(
    (row) => JSON.stringify(sorted(row.collections)) === JSON.stringify(sorted(input.collections)) && JSON.stringify(row.filter) === JSON.stringify(input.filter ?? null),
  );
  return same === undefined ? createHarvestSource(db, input, context) : harvestSourceOf(same);
}

function sorted(map: Record<string, string>): [string, string][] {
  return Object.entries(map).sort(([a], [b]) => a.localeCompare(b));
}

/** One source; throws HarvestSourceNotFound. */
export async function getHarvestSource(db: Kysely<Database>, id: string): Promise<HarvestSource> {
  const row = await db.selectFrom('harvest_sources').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw sourceNotFound(id);
  return harvestSourceOf(row);
}

/** Every source, or a member's, oldest first. */
export async function listHarvestSources(db: Kysely<Database>, member?: string): Promise<HarvestSource[]> {
  let query = db.selectFrom('harvest_sources').selectAll().orderBy('created_at').orderBy('id');
  if (member !== undefined) query = query.where('member', '=', member);
  return (await query.execute()).map(harvestSourceOf);
}

/** Delete a source (its runs stay in /jobs, its rejected items in rejected_items); throws HarvestSourceNotFound. */
export async function deleteHarvestSource(db: Kysely<Database>, id: string): Promise<void> {
  const result = await db.deleteFrom('harvest_sources').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw sourceNotFound(id);
}

/** A source's member must be the caller's, unless the caller is an admin. */
export function assertMayActFor(principal: Principal, member: string): void {
  if (principal.role === 'reader') throw new ForbiddenError('Forbidden', 'a reader key may not manage harvest sources');
  if (principal.role !== 'admin' && principal.member !== member) {
    throw new ForbiddenError('Forbidden', `a ${principal.member ?? 'memberless'} key may not manage harvest sources of ${member}`);
  }
}

function harvestSourceOf(row: HarvestSourceRow): HarvestSource {
  return {
    id: row.id,
    member: row.member,
    url: row.url,
    collections: row.collections,
    filter: row.filter,
    schedule: row.schedule,
    overlapSeconds: row.overlap_seconds,
    cursor: row.cursor_at?.toISOString() ?? null,
    position: (row.position as HarvestPosition | null) ?? null,
    runningRun: row.running_run === null ? null : String(row.running_run),
    created: row.created_at.toISOString(),
    updated: row.updated_at.toISOString(),
  };
}

function sourceNotFound(id: string): NotFoundError {
  return new NotFoundError('HarvestSourceNotFound', `no harvest source "${id}"`);
}
