'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { startCheckout } from '@/lib/payments';

/** The pay button's form action: opens a hosted checkout for what is outstanding and sends the client there. */
export async function payInvoiceAction(invoiceId: string): Promise<void> {
  const actor = await requireApiRole('client');
  const { url } = await startCheckout(await getDb(), actor, z.uuid().parse(invoiceId));
  redirect(url);
}
