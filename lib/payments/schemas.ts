import { z } from 'zod';

// Inputs shared by forms (client components) and lib/payments: no server-only imports here.
export const bankTransferInput = z.object({
  invoiceId: z.uuid(),
  /** As typed, in major units ("1 234,50"); becomes minor units. */
  amount: z
    .string()
    .transform((s) => s.replace(/[\s\u00a0]/g, '').replace(',', '.'))
    .pipe(z.string().regex(/^\d{1,10}(\.\d{1,2})?$/, 'billing.errors.amountWhole'))
    .transform((s) => {
      const [whole, frac = ''] = s.split('.');
      return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    })
    .pipe(z.number().int().positive('billing.errors.amountPositive')),
  reference: z.string().trim().min(3, 'billing.errors.referenceRequired').max(100),
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'billing.errors.badDate'),
});
export type BankTransferInput = z.output<typeof bankTransferInput>;
