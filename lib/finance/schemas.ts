// Inputs of the finance forms and actions: one zod schema per input, shared by the form and the server.
import { z } from 'zod';

/** Rubles with up to two decimals, as typed ("1500", "1 500,50"), to minor units. */
const moneyInput = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s/g, '').replace(',', '.'))
  .refine((s) => /^\d{1,9}(\.\d{1,2})?$/.test(s), 'finance.errors.amountInvalid')
  .transform((s) => Math.round(Number(s) * 100))
  .refine((n) => n > 0, 'finance.errors.amountInvalid');

const percentInput = z
  .string()
  .trim()
  .transform((s) => s.replace(',', '.'))
  .refine((s) => /^\d{1,3}(\.\d{1,2})?$/.test(s) && Number(s) <= 100, 'finance.errors.percentInvalid')
  .transform((s) => Math.round(Number(s) * 100));

const reason = z.string().trim().min(3, 'finance.errors.reasonRequired').max(500);

export const adjustmentInput = z.object({
  kind: z.enum(['fine', 'bonus', 'supply_charge', 'write_off']),
  subjectId: z.uuid('finance.errors.subjectRequired'),
  amount: moneyInput,
  reason,
  requestId: z.uuid(),
});
export type AdjustmentInput = z.infer<typeof adjustmentInput>;

export const approveInput = z.object({ approvalId: z.uuid() });
export const rejectInput = z.object({
  approvalId: z.uuid(),
  note: z.string().trim().min(3, 'finance.errors.noteRequired').max(500),
});

export const reversalInput = z.object({ entryId: z.uuid(), reason });
export const waiveInput = z.object({ adjustmentId: z.uuid(), reason });

export const payRateInput = z.object({
  /** Empty: the fallback rate for services without their own. */
  serviceId: z.union([z.uuid(), z.literal('')]).transform((v) => (v === '' ? null : v)),
  grade: z.enum(['junior', 'standard', 'senior']),
  sharePercent: percentInput,
  travelSharePercent: percentInput,
  minPay: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s/g, '').replace(',', '.'))
    .refine((s) => /^\d{1,9}(\.\d{1,2})?$/.test(s), 'finance.errors.amountInvalid')
    .transform((s) => Math.round(Number(s) * 100)),
  /** 'YYYY-MM-DD' in the company time zone; empty: from now. */
  validFrom: z.union([z.iso.date(), z.literal('')]),
});
export type PayRateInput = z.infer<typeof payRateInput>;

export const penaltyRuleInput = z.object({
  id: z.uuid(),
  ratePercent: percentInput,
  fixedAmount: z
    .string()
    .trim()
    .transform((s) => s.replace(/\s/g, '').replace(',', '.'))
    .refine((s) => /^\d{1,9}(\.\d{1,2})?$/.test(s), 'finance.errors.amountInvalid')
    .transform((s) => Math.round(Number(s) * 100)),
  active: z.boolean(),
});
export type PenaltyRuleInput = z.infer<typeof penaltyRuleInput>;
