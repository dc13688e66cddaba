// A worker thread of the prepare pool (prepare-pool.ts): it builds its own validator and preparer from
// the options it is started with, then answers each batch of lines with `prepareLines`.
import { parentPort, workerData } from 'node:worker_threads';
import { createStacValidator } from '../stac/validation/index.js';
import { prepareLines } from './prepare-lines.js';
import type { PrepareRequest, PrepareResponse, PrepareWorkerOptions } from './prepare-pool.js';
import { createStacPreparer } from './prepare-stac.js';

const options = workerData as PrepareWorkerOptions;
const stac = createStacPreparer(createStacValidator({ schemasDir: options.schemasDir }), { maxVertices: options.maxVertices });

parentPort?.on('message', (request: PrepareRequest) => {
  let response: PrepareResponse;
  try {
    response = { job: request.job, prepared: prepareLines(stac, request.collection, request.lines) };
  } catch (error) {
    // Not a refused line (those are in `rejected`) but a fault of ours: the ingest fails with it.
    response = { job: request.job, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(response);
});
