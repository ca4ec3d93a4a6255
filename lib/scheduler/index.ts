import 'server-only';
// lib/scheduler: job runs keyed by (job, period), the job registry, and the cron route wrapper.
export * from './shared';
export {
  runJob,
  runJobAsAdmin,
  listJobRuns,
  getRun,
  type JobRunDto,
  type JobRunFilter,
  type RunOutcome,
  type RunJobOptions,
} from './run-job';
export { cronRoute, cronHandler, sweepRoute } from './cron-route';
export { isCronRequest } from './cron-auth';
export { getJob, listJobs, registerJobs } from './registry';
export type { JobDef, JobContext, ChunkResult, JobCursor } from './types';
export * from './periods';
