'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { refundInput, refundPayment } from '@/lib/payments';

/** Only admins give money back; lib/payments checks the role again. */
export const refundAction = roleAction(['admin'], refundInput, async (input, actor) => {
  const out = await refundPayment(await getDb(), actor, input);
  if (out.invoiceId) revalidatePath(`/admin/finance/invoices/${out.invoiceId}`);
  revalidatePath('/admin/finance/payments');
  return { amount: out.amount, status: out.status, invoiceId: out.invoiceId };
});
