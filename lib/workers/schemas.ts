import { z } from 'zod';
import { gradeEnum } from '@/db/schema/workers';
import { phoneField } from '@/lib/auth/shared';
import { declineReasonCodes } from './task-rules';

// Shared by the forms (react-hook-form resolver) and the server actions that re-parse the input.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'workers.errors.badTime');
const dateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'workers.errors.badDate');

export const taskIdInput = z.object({ orderId: z.uuid() });

export const finishInput = z.object({
  orderId: z.uuid(),
  ticked: z.array(z.string().max(50)).max(100),
  note: z.string().trim().max(1000, 'errors.tooLong').optional(),
});

export const declineInput = z.object({
  orderId: z.uuid(),
  reasonCode: z.enum(declineReasonCodes, 'errors.required'),
  note: z.string().trim().max(500, 'errors.tooLong').optional(),
});

/** One row per weekday in the form: off, or from-to (to ≤ from runs past midnight). */
export const weeklyScheduleInput = z.object({
  workerId: z.uuid(),
  days: z
    .array(z.object({ weekday: z.number().int().min(1).max(7), enabled: z.boolean(), from: hhmm, to: hhmm }))
    .length(7),
});

export const timeOffInput = z
  .object({
    workerId: z.uuid(),
    fromDate: dateStr,
    toDate: dateStr,
    reason: z.string().trim().max(200, 'errors.tooLong'),
  })
  .refine((v) => v.toDate >= v.fromDate, { path: ['toDate'], message: 'workers.errors.dateOrder' });

export const removeTimeOffInput = z.object({ workerId: z.uuid(), timeOffId: z.uuid() });

export const workerProfileInput = z.object({
  workerId: z.uuid(),
  grade: z.enum(gradeEnum.enumValues),
  phone: phoneField,
  weeklyHoursTarget: z.coerce
    .number<string | number>()
    .int('workers.errors.wholeNumber')
    .min(0, 'workers.errors.wholeNumber')
    .max(80, 'workers.errors.tooMany'),
  skills: z.array(z.string().min(1).max(50)).max(50),
  zoneIds: z.array(z.uuid()).max(100),
  /** A new pay account (20 digits) and its bank's БИК (9 digits); left empty, the saved ones stay. */
  bankAccount: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{20}$/.test(s), 'workers.errors.bankAccount')
    .default(''),
  bankBik: z
    .string()
    .trim()
    .refine((s) => s === '' || /^\d{9}$/.test(s), 'workers.errors.bankBik')
    .default(''),
});

/** An account number as people may see it: only its last four digits. */
export function maskAccount(account: string | null): string | null {
  return account ? `•••• ${account.slice(-4)}` : null;
}

export const setActiveInput = z.object({ workerId: z.uuid(), active: z.boolean() });
