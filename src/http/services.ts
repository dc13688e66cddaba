import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database, DatabaseEngine } from '../db/index.js';
import type { PreparePool } from '../ingest/prepare-pool.js';
import type { StacPreparer } from '../ingest/prepare-stac.js';
import type { RevisitWorkerPool } from '../revisit/index.js';
import type { Scheduler } from '../scheduler/index.js';

/** What the routes work with, built once by the CLI (or a test) and handed to `buildApp`. */
export interface Services {
  db: Kysely<Database>;
  engine: DatabaseEngine;
  stac: StacPreparer;
  /** Worker threads that prepare NDJSON lines; started on first use, stopped when the app closes. */
  preparePool: PreparePool;
  /** Worker threads for revisit computations (predicted revisit, observed revisit's predicted half). */
  revisitPool: RevisitWorkerPool;
  /** False until migrations have run: everything but /health answers 503 until then. */
  readiness: { ready: boolean };
  /** The time "now" for ages and defaults, so tests can pin it. */
  clock: () => Date;
  /** Runs the periodic jobs; null where nothing is scheduled (the CLI's one-off commands, most tests). */
  scheduler: Scheduler | null;
}

/** The options every route plugin receives. */
export interface RouteOptions {
  config: Config;
  services: Services;
}
