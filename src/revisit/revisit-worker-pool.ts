import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { siblingModule, startModuleWorker } from '../threads/start-module-worker.js';
import { InvalidRequestError, UnavailableError } from '../errors.js';
import type { RevisitTask, RevisitTaskResult } from './run-revisit-task.js';
import type { SerializedError, WorkerAnswer } from './revisit-worker.js';

/** Revisit computations off the event loop, so that searches and /health stay responsive meanwhile. */
export interface RevisitWorkerPool {
  /** Run a task on the first free thread (tasks queue when all are busy). */
  run(task: RevisitTask): Promise<RevisitTaskResult>;
  /** Start the threads now rather than at the first task (loading them takes a few seconds). */
  warm(): void;
  /** Stop the threads; queued and running tasks fail with `UnavailableError` `ShuttingDown`. */
  close(): Promise<void>;
}

interface Pending {
  id: number;
  task: RevisitTask;
  resolve: (result: RevisitTaskResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker | null;
  running: Pending | null;
}

/**
 * A pool of worker threads for revisit computations: `size` threads (default: the cores but one, at
 * least one), started on first use and kept; an idle thread does not keep the process alive.
 */
export function createRevisitWorkerPool(options: { size?: number } = {}): RevisitWorkerPool {
  const size = Math.max(1, options.size ?? availableParallelism() - 1);
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: null, running: null }));
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const finish = (slot: Slot, outcome: { result: RevisitTaskResult } | { error: Error }) => {
    const pending = slot.running;
    slot.running = null;
    slot.worker?.unref();
    if (pending !== null) {
      if ('result' in outcome) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    }
    dispatch();
  };

  const spawn = (slot: Slot): Worker => {
    const worker = startModuleWorker(siblingModule(import.meta.url, 'revisit-worker'));
    worker.on('message', (answer: WorkerAnswer) => {
      if (slot.running?.id !== answer.id) return;
      finish(slot, answer.ok ? { result: answer.result } : { error: rebuild(answer.error) });
    });
    worker.on('error', (error) => {
      slot.worker = null;
      finish(slot, { error });
    });
    worker.on('exit', () => {
      if (slot.worker !== worker) return;
      slot.worker = null;
      finish(slot, { error: new UnavailableError('ShuttingDown', 'the revisit worker stopped') });
    });
    worker.unref();
    return worker;
  };

  const dispatch = () => {
    if (closed) return;
    for (const slot of slots) {
      if (slot.running !== null) continue;
      const pending = queue.shift();
      if (pending === undefined) return;
      slot.worker ??= spawn(slot);
      slot.running = pending;
      // A running task keeps the process alive (a CLI waits for it); an idle thread does not.
      slot.worker.ref();
      slot.worker.postMessage({ id: pending.id, task: pending.task });
    }
  };

  return {
    run(task) {
      if (closed) return Promise.reject(new UnavailableError('ShuttingDown', 'eopool is shutting down'));
      return new Promise<RevisitTaskResult>((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        dispatch();
      });
    },
    warm() {
      if (closed) return;
      for (const slot of slots) slot.worker ??= spawn(slot);
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new UnavailableError('ShuttingDown', 'eopool is shutting down'));
      await Promise.all(
        slots.map(async (slot) => {
          const worker = slot.worker;
          slot.worker = null;
          const running = slot.running;
          slot.running = null;
          running?.reject(new UnavailableError('ShuttingDown', 'eopool is shutting down'));
          await worker?.terminate();
        }),
      );
    },
  };
}

/** eopool's 400s come back as `InvalidRequestError`s with their code and details; others keep their kind. */
function rebuild(error: SerializedError): Error {
  if (error.kind === 'InvalidRequestError' && error.code !== null) {
    return new InvalidRequestError(error.code, error.message, error.details ?? undefined);
  }
  return error.kind === 'RangeError' ? new RangeError(error.message) : new Error(error.message);
}
