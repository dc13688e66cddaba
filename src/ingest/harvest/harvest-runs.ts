import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.js';
import { listJobRuns } from '../../scheduler/index.js';
import { harvestJob, harvestRejectionSource } from './harvest-source-repository.js';

/** One run of a harvest source, as /harvest-sources/{id}/runs shows it. */
export interface HarvestRun {
  /** The run's id in /jobs. */
  id: string;
  state: 'running' | 'succeeded' | 'failed' | 'skipped';
  /** `schedule` for a cron slot, `manual` for POST …/run or the CLI. */
  trigger: 'schedule' | 'manual';
  started: string;
  finished: string | null;
  /** So far, for a run still going. */
  seconds: number;
  mode: string | null;
  resumed: boolean;
  pages: number;
  fetched: number;
  stored: number;
  unchanged: number;
  rejected: number;
  /** Items received per second. */
  itemsPerSecond: number;
  error: string | null;
  /** Why the slot was skipped. */
  skipped: string | null;
}

/** An item a harvest could not store, with the document as the remote sent it. */
export interface RejectedItem {
  id: string;
  run: string | null;
  collection: string | null;
  itemId: string | null;
  code: string;
  reason: string;
  document: unknown;
  rejected: string;
}

/** A source's runs, newest first, with their counts (updated after every page while running). */
export async function listHarvestRuns(db: Kysely<Database>, sourceId: string, options: { limit: number; now: Date }): Promise<HarvestRun[]> {
  const runs = await listJobRuns(db, { job: harvestJob(sourceId), limit: options.limit });
  return runs.map((run) => {
    const counts = run.counts as Record<string, unknown>;
    const number = (name: string) => (typeof counts[name] === 'number' ? (counts[name] as number) : 0);
    const seconds = run.seconds ?? Math.max(0, (options.now.getTime() - Date.parse(run.started)) / 1000);
    return {
      id: run.id,
      state: run.state,
      trigger: run.slot.startsWith('manual:') ? 'manual' : 'schedule',
      started: run.started,
      finished: run.finished,
      seconds,
      mode: typeof counts.mode === 'string' ? counts.mode : null,
      resumed: counts.resumed === true,
      pages: number('pages'),
      fetched: number('fetched'),
      stored: number('stored'),
      unchanged: number('unchanged'),
      rejected: number('rejected'),
      itemsPerSecond: seconds > 0 ? Math.round(number('fetched') / seconds) : 0,
      error: run.error,
      skipped: typeof counts.skipped === 'string' ? counts.skipped : null,
    };
  });
}

/** The items a source's runs rejected, newest first. */
export async function listRejectedItems(db: Kysely<Database>, sourceId: string, limit: number): Promise<RejectedItem[]> {
  const rows = await db
    .selectFrom('rejected_items')
    .selectAll()
    .where('source', '=', harvestRejectionSource(sourceId))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: String(r.id),
    run: r.run_id === null ? null : String(r.run_id),
    collection: r.collection,
    itemId: r.item_id,
    code: r.code,
    reason: r.reason,
    document: r.document,
    rejected: r.rejected_at.toISOString(),
  }));
}
