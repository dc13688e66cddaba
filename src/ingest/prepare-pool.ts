import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../threads/start-module-worker.js';
import { type NumberedLines, type PackedLines, type PreparedLines, unpackLines } from './prepare-lines.js';

/** What each worker builds its preparer from: the same schemas and limits as the main thread's. */
export interface PrepareWorkerOptions {
  schemasDir: string;
  maxVertices: number;
}

/** A message to a worker: lines sent to one collection. */
export interface PrepareRequest {
  job: number;
  collection: string;
  lines: NumberedLines;
}

/** A worker's answer: the prepared lines, or the fault that stopped it (the stack, as text). */
export type PrepareResponse = { job: number; prepared: PackedLines } | { job: number; error: string };

/** Prepares NDJSON lines (`prepareLines`) in worker threads, off the thread that reads and writes. */
export interface PreparePool {
  /** How many workers run at most: batches beyond that many wait in a worker's queue. */
  readonly size: number;
  prepare(collection: string, lines: NumberedLines): Promise<PreparedLines>;
  /** Stops the workers; a later `prepare` starts new ones. */
  close(): Promise<void>;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { resolve: (prepared: PreparedLines) => void; reject: (error: Error) => void }>;
}

/**
 * A pool of `size` worker threads, started on the first batch, so a process that never ingests
 * NDJSON never starts one. By default one per core the process may use but one: the thread that
 * reads the request and writes the batches (and, on the embedded engine, runs the database) needs a
 * core of its own. On 2 cores with PostgreSQL alongside, 1 worker ingests 100,000 items faster than 2
 * did (25.8-29.2 s against 30.5-31.6 s) with a fifth less CPU (25-28 s against 35 s): a second
 * worker only competed with the database and added its own compilation and garbage collection. An idle worker does not keep the
 * process alive (it is unref'd while it has no batch), so a pool left unclosed cannot hang an exit.
 */
export function createPreparePool(options: PrepareWorkerOptions & { size?: number }): PreparePool {
  const size = Math.max(1, options.size ?? os.availableParallelism() - 1);
  const workerData: PrepareWorkerOptions = { schemasDir: options.schemasDir, maxVertices: options.maxVertices };
  const workers: PoolWorker[] = [];
  let job = 0;

  const start = (): PoolWorker => {
    const worker = startModuleWorker(siblingModule(import.meta.url, 'prepare-worker'), { workerData });
    const entry: PoolWorker = { worker, pending: new Map() };
    const fail = (error: Error) => {
      workers.splice(workers.indexOf(entry), 1);
      for (const { reject } of entry.pending.values()) reject(error);
      entry.pending.clear();
    };
    worker.on('message', (response: PrepareResponse) => {
      const waiting = entry.pending.get(response.job);
      if (waiting === undefined) return;
      entry.pending.delete(response.job);
      if (entry.pending.size === 0) worker.unref();
      if ('error' in response) waiting.reject(new Error(`preparing NDJSON lines failed: ${response.error}`));
      else waiting.resolve(unpackLines(response.prepared));
    });
    worker.on('error', (error) => fail(error));
    worker.on('exit', (code) => {
      if (workers.includes(entry)) fail(new Error(`an NDJSON prepare worker stopped (exit code ${code})`));
    });
    worker.unref();
    workers.push(entry);
    return entry;
  };

  return {
    size,
    prepare(collection, lines) {
      // Fill the pool first, then give the batch to the worker with the shortest queue.
      const target = workers.length < size ? start() : workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      job += 1;
      const request: PrepareRequest = { job, collection, lines };
      return new Promise<PreparedLines>((resolve, reject) => {
        if (target.pending.size === 0) target.worker.ref();
        target.pending.set(request.job, { resolve, reject });
        target.worker.postMessage(request);
      });
    },
    async close() {
      const stopping = workers.splice(0);
      for (const entry of stopping) {
        for (const { reject } of entry.pending.values()) reject(new Error('the NDJSON prepare pool was closed'));
        entry.pending.clear();
      }
      await Promise.all(stopping.map((entry) => entry.worker.terminate()));
    },
  };
}
