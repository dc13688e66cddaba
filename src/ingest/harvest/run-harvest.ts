import { type Kysely, sql } from 'kysely';
import { createCollection } from '../../catalog/collection-repository.js';
import { MEMBER_PROPERTY } from '../../catalog/collection-repository.js';
import { writeItems } from '../../catalog/item-repository.js';
import type { Database } from '../../db/index.js';
import { ConflictError, ForbiddenError } from '../../errors.js';
import { type OutboundClient, OutboundError } from '../../net/index.js';
import { ownLinks } from '../../stac/structural-links.js';
import type { StacPreparer } from '../prepare-stac.js';
import { fetchRemoteJson, type RemoteJson, type RemoteRequestOptions } from './fetch-remote-json.js';
import type { HarvestMode, HarvestPosition } from './harvest-position.js';
import { getHarvestSource, harvestRejectionSource, type HarvestSource } from './harvest-source-repository.js';
import { asObject, discoverRemote, fetchRemoteCollection, firstPosition, nextPosition } from './plan-harvest.js';
import { type PreparedPage, prepareHarvestPage } from './prepare-harvest-page.js';

/** What a run did so far; recorded in its job_runs row after every page. */
export type HarvestCounts = {
  mode: HarvestMode;
  /** The run continued the position of an earlier, unfinished run. */
  resumed: boolean;
  pages: number;
  /** Items received from the remote. */
  fetched: number;
  /** Items inserted or changed. */
  stored: number;
  /** Items equal to what was stored already. */
  unchanged: number;
  /** Items that went to rejected_items. */
  rejected: number;
  /** Local collections created from the remote's documents. */
  createdCollections: string[];
  seconds: number;
  /** Items received per second of the run. */
  itemsPerSecond: number;
  /** True once the walk reached its end and the cursor advanced. */
  completed: boolean;
};

/** Where progress goes: pino's shape, so the Fastify logger fits. */
export interface HarvestLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface HarvestRunContext {
  db: Kysely<Database>;
  stac: StacPreparer;
  outbound: OutboundClient;
  logger: HarvestLogger;
  /** Items asked for per page. */
  pageSize: number;
  /** Retry policy, timeout and abort signal of every request. */
  request: RemoteRequestOptions;
  /** After each page is committed, with the counts so far. */
  afterPage?: (counts: HarvestCounts) => void | Promise<void>;
}

/** Seconds between progress log lines of a long run. */
const PROGRESS_EVERY_S = 10;

/**
 * Run a harvest of `sourceId` as run `runId`, which must hold the source (`claimHarvestSource`).
 * Missing local collections are created from the remote's documents. The walk resumes the
 * source's stored position, or starts afresh (`firstPosition`). Each page is upserted in one
 * transaction together with the position after it and the rejected items, so a run that dies
 * resumes at the next page, losing and duplicating nothing; the page of the walk's end also
 * advances the cursor to the remote's time when the walk began. Pages are committed in order, one
 * at a time, while the next one is fetched and prepared.
 *
 * @throws OutboundError when the remote stays unavailable past the retry budget or answers wrongly
 * @throws ConflictError `HarvestLockLost` when the source was deleted or taken over meanwhile
 */
export async function runHarvest(context: HarvestRunContext, sourceId: string, runId: string): Promise<HarvestCounts> {
  const { db, stac, outbound, logger } = context;
  const started = Date.now();
  const source = await getHarvestSource(db, sourceId);
  const createdCollections = await ensureLocalCollections(context, source);
  const resumed = source.position !== null;
  let position: HarvestPosition =
    source.position ?? firstPosition(source, await discoverRemote(outbound, source.url, context.request), context.pageSize);
  const counts: HarvestCounts = {
    mode: position.mode,
    resumed,
    pages: 0,
    fetched: 0,
    stored: 0,
    unchanged: 0,
    rejected: 0,
    createdCollections,
    seconds: 0,
    itemsPerSecond: 0,
    completed: false,
  };
  logger.info({ source: sourceId, run: runId, mode: position.mode, resumed, from: position.request.href }, 'harvest started');
  let lastLog = Date.now();
  const fetchPage = (p: HarvestPosition) => {
    const promise = fetchRemoteJson(outbound, p.request, context.request);
    // The prefetch may fail while a page is being written; the failure is seen when it is awaited.
    promise.catch(() => undefined);
    return promise;
  };
  /** Store one page with the position after it (and, at the walk's end, the cursor) in one transaction. */
  const commit = (walked: HarvestPosition, features: unknown[], prepared: PreparedPage, next: HarvestPosition | null) =>
    db.transaction().execute(async (trx) => {
      let stored = 0;
      let unchanged = prepared.repeated;
      for (const items of prepared.byCollection.values()) {
        const outcome = await writeItems(trx, items, source.member, 'upsert');
        stored += outcome.stored.length;
        unchanged += outcome.unchanged.length;
      }
      if (prepared.rejections.length > 0) {
        await trx
          .insertInto('rejected_items')
          .values(
            prepared.rejections.map((r) => ({
              source: harvestRejectionSource(sourceId),
              run_id: runId,
              collection: r.collection,
              item_id: r.itemId,
              code: r.code,
              reason: r.reason,
              document: JSON.stringify(r.document),
            })),
          )
          .execute();
      }
      const held = await trx
        .updateTable('harvest_sources')
        .set({
          position: next === null ? null : JSON.stringify(next),
          heartbeat_at: sql`now()`,
          updated_at: sql`now()`,
          ...(next === null ? { cursor_at: walked.remoteStart } : {}),
        })
        .where('id', '=', sourceId)
        .where('running_run', '=', runId)
        .executeTakeFirst();
      if (held.numUpdatedRows === 0n) {
        throw new ConflictError('HarvestLockLost', `harvest source "${sourceId}" was deleted or taken over by another run`);
      }
      const seconds = (Date.now() - started) / 1000;
      const updated: HarvestCounts = {
        ...counts,
        pages: counts.pages + 1,
        fetched: counts.fetched + features.length,
        stored: counts.stored + stored,
        unchanged: counts.unchanged + unchanged,
        rejected: counts.rejected + prepared.rejections.length,
        completed: next === null,
        seconds,
        itemsPerSecond: Math.round((counts.fetched + features.length) / Math.max(seconds, 0.001)),
      };
      await trx.updateTable('job_runs').set({ counts: JSON.stringify(updated) }).where('id', '=', runId).execute();
      return updated;
    });
  const afterCommit = async (updated: HarvestCounts) => {
    Object.assign(counts, updated);
    if (Date.now() - lastLog >= PROGRESS_EVERY_S * 1000) {
      lastLog = Date.now();
      logger.info({ source: sourceId, run: runId, ...progressOf(counts) }, 'harvest progress');
    }
    await context.afterPage?.({ ...counts });
  };

  // Three pages in flight: page N+1 is fetched and page N prepared while page N-1 is written.
  let pending: Promise<RemoteJson> = fetchPage(position);
  let writing: Promise<void> = Promise.resolve();
  for (;;) {
    const page = asObject((await pending).json, position.request.href);
    if (page.type !== 'FeatureCollection' || !Array.isArray(page.features)) {
      throw new OutboundError('RemoteInvalidAnswer', `${position.request.href} did not answer a FeatureCollection`);
    }
    const features: unknown[] = page.features;
    const next = nextPosition(position, page, source.url, context.pageSize);
    if (next !== null) pending = fetchPage(next);
    const prepared = prepareHarvestPage(stac, source.collections, features, position.collection);
    await writing;
    const walked = position;
    writing = commit(walked, features, prepared, next).then(afterCommit);
    // Seen by the `await writing` of the next page; meanwhile not an unhandled rejection.
    writing.catch(() => undefined);
    if (next === null) break;
    position = next;
  }
  await writing;
  logger.info({ source: sourceId, run: runId, ...progressOf(counts) }, 'harvest completed');
  return counts;
}

function progressOf(counts: HarvestCounts): Record<string, unknown> {
  const { pages, fetched, stored, unchanged, rejected, seconds, itemsPerSecond } = counts;
  return { pages, fetched, stored, unchanged, rejected, seconds, itemsPerSecond };
}

/**
 * Create each mapped local collection that does not exist yet from the remote collection's
 * document, owned by the source's member; an existing one must be the member's.
 */
async function ensureLocalCollections(context: HarvestRunContext, source: HarvestSource): Promise<string[]> {
  const locals = [...new Set(Object.values(source.collections))];
  const existing = await context.db.selectFrom('collections').select(['id', 'member']).where('id', 'in', locals).execute();
  const foreign = existing.find((c) => c.member !== source.member);
  if (foreign !== undefined) {
    throw new ForbiddenError('Forbidden', `local collection "${foreign.id}" belongs to ${foreign.member}, not to the source's member ${source.member}`);
  }
  const created: string[] = [];
  for (const local of locals.filter((id) => !existing.some((c) => c.id === id))) {
    const remoteId = Object.keys(source.collections).find((r) => source.collections[r] === local)!;
    const remote = await fetchRemoteCollection(context.outbound, source.url, remoteId, context.request);
    const { [MEMBER_PROPERTY]: _remoteMember, ...document } = remote;
    const prepared = context.stac.collection({ ...document, id: local, links: ownLinks(document) });
    try {
      await createCollection(context.db, prepared.document, source.member);
      created.push(local);
    } catch (error) {
      // Another run or a member created it meanwhile: fine, as long as the next check finds it theirs.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return created;
}
