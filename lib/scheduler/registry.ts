import 'server-only';
import { invoicesJob } from '@/lib/finance/invoices/job';
import { payrollJob } from '@/lib/finance/payroll/job';
import { remindersJob } from './reminders-job';
import type { JobDef } from './types';

// Every scheduled job, listed statically (like the order subscribers) so the cron routes and the admin
// panel always see the same set. A module adds its job definition to `builtIn`.
const builtIn: JobDef[] = [invoicesJob, payrollJob, remindersJob];

const extra: JobDef[] = [];

/** Adds jobs at runtime (tests register small jobs of their own). */
export function registerJobs(...defs: JobDef[]): void {
  for (const def of defs) if (!getJob(def.name)) extra.push(def);
}

export function getJob(name: string): JobDef | undefined {
  return builtIn.find((j) => j.name === name) ?? extra.find((j) => j.name === name);
}

export function listJobs(): JobDef[] {
  return [...builtIn, ...extra];
}
