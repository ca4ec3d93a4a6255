'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { reissueInvoice, voidInvoice, voidInvoiceInput } from '@/lib/finance';
import { bankTransferInput, recordParsedBankTransfer } from '@/lib/payments';

export const voidInvoiceAction = roleAction(['admin'], voidInvoiceInput, async (input, actor) => {
  await voidInvoice(await getDb(), actor, input);
  revalidatePath(`/admin/finance/invoices/${input.invoiceId}`);
});

export const reissueInvoiceAction = roleAction(['admin'], z.object({ invoiceId: z.uuid() }), async (input, actor) => {
  const created = await reissueInvoice(await getDb(), actor, input);
  revalidatePath('/admin/finance/invoices');
  return created;
});

export const bankTransferAction = roleAction(['manager', 'admin'], bankTransferInput, async (input, actor) => {
  const result = await recordParsedBankTransfer(await getDb(), actor, input);
  revalidatePath(`/admin/finance/invoices/${input.invoiceId}`);
  // Above the approval threshold a manager's transfer waits for an admin: the form says so.
  if (result.status === 'pending') return { pending: true as const };
  return { pending: false as const, applied: result.appliedAmount, credit: result.creditAmount };
});
