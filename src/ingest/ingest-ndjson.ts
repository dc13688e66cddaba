import type { Kysely } from 'kysely';
import { writeItems } from '../catalog/item-repository.js';
import type { Database } from '../db/index.js';
import { idOf, type Rejection, rejectionOf } from './create-items.js';
import type { StacDocument, StacPreparer } from './prepare-stac.js';
import { splitLines } from './split-lines.js';

export interface NdjsonReport {
  stored: number;
  unchanged: number;
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
  stac: StacPreparer;
  collection: string;
  member: string;
  maxLineBytes: number;
  /** Items written per statement (and per transaction). */
  batchSize?: number;
  onProgress?: (progress: NdjsonProgress) => void;
}

/**
 * Upsert one item per line of an NDJSON stream, reading it as it arrives (never the whole body).
 * Each batch is one transaction; an item equal to the stored one counts as unchanged; every line
 * that is not stored is reported with its number and reason. While one batch is written the next
 * one is parsed and validated.
 */
export async function ingestNdjson(stream: AsyncIterable<Buffer | string>, options: NdjsonOptions): Promise<NdjsonReport> {
  const batchSize = options.batchSize ?? 1000;
  const report: NdjsonReport = { stored: 0, unchanged: 0, rejected: [] };
  const started = Date.now();
  let lines = 0;
  let batch: StacDocument[] = [];
  let batchIds = new Set<string>();
  let writing: Promise<void> = Promise.resolve();

  const flush = async () => {
    const items = batch;
    batch = [];
    batchIds = new Set();
    await writing;
    writing = options.db
      .transaction()
      .execute((trx) => writeItems(trx, items, options.member, 'upsert'))
      .then((outcome) => {
        report.stored += outcome.stored.length;
        report.unchanged += outcome.unchanged.length;
        options.onProgress?.({
          lines,
          stored: report.stored,
          unchanged: report.unchanged,
          rejected: report.rejected.length,
          seconds: (Date.now() - started) / 1000,
        });
      });
    // Keep the failure observable to the next `await writing`, without an unhandled rejection meanwhile.
    writing.catch(() => undefined);
  };

  for await (const line of splitLines(stream, options.maxLineBytes)) {
    lines = line.number;
    if ('tooLong' in line) {
      report.rejected.push({
        index: line.number,
        id: null,
        code: 'LineTooLong',
        description: `line ${line.number} is longer than ${options.maxLineBytes} bytes`,
      });
      continue;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(line.text);
    } catch (error) {
      report.rejected.push({ index: line.number, id: null, code: 'InvalidJson', description: `line ${line.number}: ${(error as Error).message}` });
      continue;
    }
    try {
      const item = options.stac.item(raw, options.collection).document;
      const id = String(item.id);
      // One statement cannot upsert the same row twice: a repeated id starts a new batch.
      if (batchIds.has(id)) await flush();
      batch.push(item);
      batchIds.add(id);
    } catch (error) {
      report.rejected.push(rejectionOf(error, line.number, idOf(raw)));
    }
    if (batch.length >= batchSize) await flush();
  }
  if (batch.length > 0) await flush();
  await writing;
  return report;
}
