/**
 * revisit/: predicted passes and revisit of territories by the pooled satellites (issue 4). The
 * pure computation is in `core/`; here are the satellites and territories it reads, the requests'
 * checks, the worker threads that keep it off the event loop, and the stored nightly windows.
 */
export { formatRevisitTable } from './format-revisit-table.js';
export { DEFAULT_SUN_ELEVATION_MIN_DEG, MAX_DAYS, STALE_TLE_DAYS, type RevisitQuery } from './plan-revisit.js';
export { revisitQuery, type RevisitParameters } from './revisit-query.js';
export { createRevisitService, type PassesAnswer, type RevisitAnswer, type RevisitService } from './revisit-service.js';
export { createRevisitWorkerPool, type RevisitWorkerPool } from './revisit-worker-pool.js';
export type { PointRevisit } from './run-revisit-task.js';
export { createSatellite, getSatellite, listSatellites, replaceSatellite, type SatelliteAnswer } from './satellite-repository.js';
export { REVISIT_NIGHTLY_CRON, REVISIT_NIGHTLY_JOB, scheduleRevisitRefresh } from './schedule-revisit-refresh.js';
export {
  createTerritory,
  deleteTerritory,
  getTerritory,
  listTerritories,
  replaceTerritory,
  type Territory,
  type TerritoryInput,
  type TerritorySummary,
} from './territory-repository.js';
export { updateTles, type TleUpdateReport } from './update-tles.js';
