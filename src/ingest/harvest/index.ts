/**
 * Harvesting members' STAC APIs: sources, runs (resumable, one at a time per source, recorded in
 * job_runs), incremental walks on `eopool:ingested`, rejected items kept with their reason.
 */
export type { HarvestMode, HarvestPosition, HarvestRequest } from './harvest-position.js';
export { listHarvestRuns, listRejectedItems, type HarvestRun, type RejectedItem } from './harvest-runs.js';
export { createHarvestRunner, type HarvestRunHooks, type HarvestRunner, type HarvestRunnerOptions } from './harvest-runner.js';
export {
  assertMayActFor,
  createHarvestSource,
  deleteHarvestSource,
  findOrCreateHarvestSource,
  getHarvestSource,
  harvestJob,
  listHarvestSources,
  type HarvestSource,
  type NewHarvestSource,
} from './harvest-source-repository.js';
export type { HarvestCounts, HarvestLogger } from './run-harvest.js';
export { scheduleHarvests, type HarvestSchedules } from './schedule-harvests.js';
