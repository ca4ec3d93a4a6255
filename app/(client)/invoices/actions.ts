'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { startCheckout } from '@/lib/payments';

/**
 * The pay button's form action: opens a hosted checkout for what is outstanding and sends the client there; with
 * "save this card" ticked the provider keeps the card for automatic charges.
 */
export async function payInvoiceAction(invoiceId: string, form: FormData): Promise<void> {
  const actor = await requireApiRole('client');
  const { url } = await startCheckout(await getDb(), actor, z.uuid().parse(invoiceId), {
    saveCard: form.get('saveCard') === 'on',
  });
  redirect(url);
}
