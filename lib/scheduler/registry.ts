import 'server-only';
import type { JobDef } from './types';

// Every scheduled job. The composition root (lib/composition) installs the product's jobs once per process, so
// the cron routes and the admin panel always see the same set and the scheduler depends on no module it runs.
const installed = Symbol.for('brigada.jobs');
type WithJobs = { [installed]?: JobDef[] };

/** Installs the product's jobs (the composition root) or adds more (tests register small jobs of their own). */
export function registerJobs(...defs: JobDef[]): void {
  const jobs = ((globalThis as WithJobs)[installed] ??= []);
  for (const def of defs) if (!jobs.some((j) => j.name === def.name)) jobs.push(def);
}

function jobs(): JobDef[] {
  const list = (globalThis as WithJobs)[installed];
  if (!list) throw new Error('No jobs are installed: import @/lib/composition at process start');
  return list;
}

export function getJob(name: string): JobDef | undefined {
  return jobs().find((j) => j.name === name);
}

export function listJobs(): JobDef[] {
  return [...jobs()];
}
