import 'server-only';
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '@/db';
import { invoices } from '@/db/schema';
import { enqueue } from '@/lib/notifications';
import { amountDue } from './due';
import { invoiceMoneyColumns } from './money-columns';

/**
 * Flags up to `limit` open invoices that are past due and not yet reminded, and queues one
 * invoice_overdue email each (keyed by invoice, so a repeated chunk reminds nobody twice).
 */
export async function remindOverdueInvoices(tx: Db, today: string, limit: number): Promise<number> {
  const due = await tx
    .select({
      ...invoiceMoneyColumns,
      dueDate: invoices.dueDate,
    })
    .from(invoices)
    .where(and(eq(invoices.status, 'open'), lt(invoices.dueDate, today), isNull(invoices.overdueNotifiedAt)))
    .orderBy(asc(invoices.dueDate), asc(invoices.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  for (const inv of due) {
    await enqueue(
      tx,
      { userId: inv.clientId },
      'invoice_overdue',
      {
        invoiceId: inv.id,
        number: inv.number,
        outstanding: amountDue(inv),
        currency: inv.currency,
        dueDate: inv.dueDate,
      },
      { idempotencyKey: `invoice_overdue:${inv.id}` },
    );
  }
  if (due.length)
    await tx
      .update(invoices)
      .set({ overdueNotifiedAt: new Date() })
      .where(
        inArray(
          invoices.id,
          due.map((d) => d.id),
        ),
      );
  return due.length;
}
