import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { invoices } from '@/db/schema';
import { enqueue } from '@/lib/notifications';
import { amountDue } from './due';
import { invoiceMoneyColumns } from './queries';

/**
 * Queues the invoice_issued email for up to `limit` issued invoices not yet announced (one outbox row
 * each, keyed by invoice, so a repeated chunk queues nothing twice). Returns how many it handled.
 */
export async function notifyIssuedInvoices(tx: Db, limit: number): Promise<number> {
  const batch = await tx
    .select({
      ...invoiceMoneyColumns,
      periodFrom: invoices.periodFrom,
      periodTo: invoices.periodTo,
      dueDate: invoices.dueDate,
    })
    .from(invoices)
    .where(and(isNull(invoices.notifiedAt), eq(invoices.status, 'open')))
    .orderBy(asc(invoices.issuedAt), asc(invoices.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  for (const inv of batch) {
    await enqueue(
      tx,
      { userId: inv.clientId },
      'invoice_issued',
      {
        invoiceId: inv.id,
        number: inv.number,
        periodFrom: inv.periodFrom,
        periodTo: inv.periodTo,
        total: inv.total,
        outstanding: amountDue(inv),
        currency: inv.currency,
        dueDate: inv.dueDate,
      },
      { idempotencyKey: `invoice_issued:${inv.id}` },
    );
  }
  if (batch.length)
    await tx
      .update(invoices)
      .set({ notifiedAt: new Date() })
      .where(
        inArray(
          invoices.id,
          batch.map((b) => b.id),
        ),
      );
  return batch.length;
}
