import { z } from 'zod';

// The admin panel's "run a job for a period" input (shared by the form and the action).
export const runJobInput = z.object({
  job: z.string().min(1).max(50),
  period: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'billing.errors.badPeriod'),
});
export type RunJobInput = z.infer<typeof runJobInput>;
