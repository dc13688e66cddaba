import type { Kysely } from 'kysely';
import { writeItemRows } from '../catalog/item-repository.js';
import type { Database } from '../db/index.js';
import type { Rejection } from './create-items.js';
import type { PreparedLines, PreparedRow } from './prepare-lines.js';
import type { PreparePool } from './prepare-pool.js';
import { type LineRun, splitLineRuns } from './split-lines.js';

export interface NdjsonReport {
  stored: number;
  unchanged: number;
  /** In line order. */
  rejected: Rejection[];
}

export interface NdjsonProgress {
  lines: number;
  stored: number;
  unchanged: number;
  rejected: number;
  seconds: number;
}

export interface NdjsonOptions {
  db: Kysely<Database>;
  /** Parses, validates and serialises the lines in worker threads. */
  pool: PreparePool;
  collection: string;
  member: string;
  maxLineBytes: number;
  /** Items written per statement (and per transaction). */
  batchSize?: number;
  onProgress?: (progress: NdjsonProgress) => void;
}

/** Lines per message to a worker: large enough that messaging costs little, small enough to spread. */
const LINES_PER_JOB = 250;
/** And bytes: a job of long lines ends sooner, so that few of them are held at once. */
const BYTES_PER_JOB = 2 ** 20;
/**
 * Write transactions in flight. Two let PostgreSQL work on one batch in a second backend while the
 * first commits or waits for its next statement; PGlite, one session, runs them one after the other
 * (Kysely's PGliteDialect queues transactions), which changes nothing there.
 */
const WRITES_IN_FLIGHT = 2;

interface Write {
  ids: Set<string>;
  done: Promise<void>;
}

/**
 * Upsert one item per line of an NDJSON stream, reading it as it arrives (never the whole body).
 * This thread splits the lines and writes; the worker pool parses, validates and serialises them
 * meanwhile. Each batch is one transaction; an item equal to the stored one counts as unchanged;
 * every line that is not stored is reported with its number and reason. When an id appears twice,
 * the later line wins: the repeat starts a new batch, and a batch that shares an id with one still
 * being written waits for it.
 */
export async function ingestNdjson(stream: AsyncIterable<Buffer | string>, options: NdjsonOptions): Promise<NdjsonReport> {
  const batchSize = options.batchSize ?? 1000;
  const report: NdjsonReport = { stored: 0, unchanged: 0, rejected: [] };
  const started = Date.now();
  let lines = 0;
  // Jobs in the order they were sent: results are taken in that order, whichever worker ends first.
  const preparing: Promise<PreparedLines>[] = [];
  let batch: PreparedRow[] = [];
  let batchIds = new Set<string>();
  const writes = new Set<Write>();

  const write = async (rows: PreparedRow[], ids: Set<string>) => {
    const blocking = () => [...writes].filter((w) => writes.size >= WRITES_IN_FLIGHT || [...ids].some((id) => w.ids.has(id)));
    for (let waiting = blocking(); waiting.length > 0; waiting = blocking()) {
      await Promise.race(waiting.map((w) => w.done));
    }
    const entry: Write = {
      ids,
      done: options.db
        .transaction()
        .execute((trx) => writeItemRows(trx, rows, options.member, 'upsert'))
        .then((outcome) => {
          writes.delete(entry);
          report.stored += outcome.stored.length;
          report.unchanged += outcome.unchanged.length;
          options.onProgress?.({
            lines,
            stored: report.stored,
            unchanged: report.unchanged,
            rejected: report.rejected.length,
            seconds: (Date.now() - started) / 1000,
          });
        }),
    };
    // A failure surfaces at the next wait on this write; no unhandled rejection meanwhile.
    entry.done.catch(() => undefined);
    writes.add(entry);
  };
  const flush = async () => {
    const rows = batch;
    const ids = batchIds;
    batch = [];
    batchIds = new Set();
    if (rows.length > 0) await write(rows, ids);
  };
  const take = async () => {
    const prepared = await (preparing.shift() as Promise<PreparedLines>);
    report.rejected.push(...prepared.rejected);
    for (const row of prepared.rows) {
      // One statement cannot upsert the same row twice: a repeated id starts a new batch.
      if (batchIds.has(row.id)) await flush();
      batch.push(row);
      batchIds.add(row.id);
      if (batch.length >= batchSize) await flush();
    }
  };
  const send = async (run: LineRun) => {
    const sent = options.pool.prepare(options.collection, run);
    sent.catch(() => undefined);
    preparing.push(sent);
    // Two jobs per worker: one being prepared, one waiting, so no worker idles between messages.
    while (preparing.length >= 2 * options.pool.size) await take();
  };

  const limits = { maxLineBytes: options.maxLineBytes, maxRunLines: LINES_PER_JOB, maxRunBytes: BYTES_PER_JOB };
  for await (const run of splitLineRuns(stream, limits)) {
    lines = run.firstLine + run.lines - 1;
    for (const number of run.tooLong) {
      report.rejected.push({
        index: number,
        id: null,
        code: 'LineTooLong',
        description: `line ${number} is longer than ${options.maxLineBytes} bytes`,
      });
    }
    await send(run);
  }
  while (preparing.length > 0) await take();
  await flush();
  await Promise.all([...writes].map((w) => w.done));
  report.rejected.sort((a, b) => a.index - b.index);
  return report;
}
