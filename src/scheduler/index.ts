export { createScheduler, type Scheduler, type SchedulerLogger } from './create-scheduler.js';
export {
  claimJobSlot,
  executeClaimedRun,
  finishJobRun,
  getJobRun,
  listJobRuns,
  runJobOnce,
  type JobCounts,
  type JobRun,
} from './job-runs.js';
