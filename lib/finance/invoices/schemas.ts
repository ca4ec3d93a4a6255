import { z } from 'zod';

// Inputs shared by forms (client components) and lib/finance/invoices: no server-only imports here.
export const voidInvoiceInput = z.object({
  invoiceId: z.uuid(),
  reason: z.string().trim().min(3, 'billing.errors.reasonRequired').max(500),
});
export type VoidInvoiceInput = z.infer<typeof voidInvoiceInput>;
