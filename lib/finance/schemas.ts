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

/** The adjustment form's person search: workers or clients by a name or email fragment, a page at a time. */
export const peopleSearchInput = z.object({
  role: z.enum(['client', 'worker']),
  q: z.string().max(100).default(''),
  cursor: z.string().max(500).optional(),
});
export type PeopleSearchInput = z.infer<typeof peopleSearchInput>;

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

/**
 * A tip on a completed visit (lib/finance/tips.ts): one of the company's preset amounts (minor units, as the
 * radio's value) or 'other' with the client's own amount typed in major units; paid with the next invoice or
 * now with the saved card. The limit (setting tipMax) is the module's check. Parsed: the amount in minor units.
 */
export const tipInput = z
  .object({
    orderId: z.uuid(),
    requestId: z.uuid(),
    method: z.enum(['invoice', 'card']),
    choice: z.string().regex(/^(\d{1,12}|other)$/, 'finance.errors.tipAmountInvalid'),
    other: z.string().trim().max(20),
  })
  .transform((v, ctx) => {
    const amount =
      v.choice === 'other' ? moneyInput.safeParse(v.other) : { success: true as const, data: Number(v.choice) };
    if (!amount.success || amount.data <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: [v.choice === 'other' ? 'other' : 'choice'],
        message: 'finance.errors.tipAmountInvalid',
      });
      return z.NEVER;
    }
    return { orderId: v.orderId, requestId: v.requestId, method: v.method, amount: amount.data };
  });
export type TipInput = z.input<typeof tipInput>;
export type TipRequest = z.output<typeof tipInput>;
