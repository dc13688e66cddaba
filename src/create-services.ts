import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import type { OpenDatabase } from './db/index.js';
import type { Services } from './http/services.js';
import { createPreparePool } from './ingest/prepare-pool.js';
import { createStacPreparer } from './ingest/prepare-stac.js';
import { createRevisitWorkerPool } from './revisit/index.js';
import { createStacValidator } from './stac/validation/index.js';

export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));

/** The services the routes and the CLI share, over an open database. `ready` starts as given. */
export function createServices(database: OpenDatabase, config: Config, ready: boolean): Services {
  const validator = createStacValidator({ schemasDir: SCHEMAS_DIR });
  return {
    db: database.db,
    engine: database.engine,
    stac: createStacPreparer(validator, { maxVertices: config.limits.geometryVertices }),
    preparePool: createPreparePool({ schemasDir: SCHEMAS_DIR, maxVertices: config.limits.geometryVertices }),
    revisitPool: createRevisitWorkerPool(),
    readiness: { ready },
    clock: () => new Date(),
    scheduler: null,
  };
}
