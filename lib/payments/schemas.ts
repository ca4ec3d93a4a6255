import { z } from 'zod';

// Inputs shared by forms (client components) and lib/payments: no server-only imports here.

/** An amount as typed, in major units ("1 234,50"); becomes minor units. */
const typedAmount = z
  .string()
  .transform((s) => s.replace(/[\s\u00a0]/g, '').replace(',', '.'))
  .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'billing.errors.amountWhole'))
  .transform((s) => {
    const [whole, frac = ''] = s.split('.');
    return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  })
  .pipe(z.number().int().positive('billing.errors.amountPositive'));

export const bankTransferInput = z.object({
  invoiceId: z.uuid(),
  amount: typedAmount,
  reference: z.string().trim().min(3, 'billing.errors.referenceRequired').max(100),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'billing.errors.badDate'),
});
export type BankTransferInput = z.output<typeof bankTransferInput>;

/** An admin gives back part or all of a payment, with a written reason. */
export const refundInput = z.object({
  paymentId: z.uuid(),
  amount: typedAmount,
  reason: z.string().trim().min(3, 'billing.errors.reasonRequired').max(500, 'billing.errors.refundReasonLong'),
});
export type RefundInput = z.output<typeof refundInput>;
