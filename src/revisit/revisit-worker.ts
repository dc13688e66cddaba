/**
 * Entry of a revisit worker thread (started by `createRevisitWorkerPool`): runs each posted
 * {@link RevisitTask} and answers its result, or its error as plain data, so that the main thread
 * can rebuild eopool's typed errors.
 */
import { parentPort } from 'node:worker_threads';
import { EopoolError } from '../errors.js';
import { runRevisitTask, type RevisitTask } from './run-revisit-task.js';

/** A worker's answer to one task. */
export type WorkerAnswer =
  | { id: number; ok: true; result: ReturnType<typeof runRevisitTask> }
  | { id: number; ok: false; error: SerializedError };

/** An error as it crosses the thread boundary. */
export interface SerializedError {
  /** `InvalidRequestError` for eopool's 400s, else the JavaScript error name (`RangeError`, `Error`). */
  kind: string;
  code: string | null;
  message: string;
  details: Record<string, unknown> | null;
}

function serialize(error: unknown): SerializedError {
  if (error instanceof EopoolError) {
    return { kind: error.constructor.name, code: error.code, message: error.message, details: error.details ?? null };
  }
  if (error instanceof Error) return { kind: error.name, code: null, message: error.message, details: null };
  return { kind: 'Error', code: null, message: String(error), details: null };
}

parentPort?.on('message', (message: { id: number; task: RevisitTask }) => {
  let answer: WorkerAnswer;
  try {
    answer = { id: message.id, ok: true, result: runRevisitTask(message.task) };
  } catch (error) {
    answer = { id: message.id, ok: false, error: serialize(error) };
  }
  parentPort?.postMessage(answer);
});
