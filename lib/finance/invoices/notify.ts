import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rows } from '@/db/connect';
import { enqueueSelected } from '@/lib/notifications';

/**
 * Queues the invoice_issued email for up to `limit` issued invoices not yet announced: two set-based
 * statements however many (mark them announced, then one outbox row each through enqueueSelected, keyed by
 * invoice), in the caller's transaction, so a repeated chunk queues nothing twice and a rolled-back one
 * nothing at all. Invoices another transaction holds are skipped and left for the next call. Returns how many
 * invoices it handled.
 */
export async function notifyIssuedInvoices(tx: Db, limit: number): Promise<number> {
  const marked = await rows<{ id: string }>(
    tx,
    sql`update invoices set notified_at = now()
         where id in (select id from invoices
                       where notified_at is null and status = 'open'
                       order by issued_at, id
                       limit ${limit}
                       for update skip locked)
        returning id`,
  );
  if (marked.length === 0) return 0;
  // The data the template takes; what is due is total − credited − paid (amountDue; an open invoice).
  await enqueueSelected(
    tx,
    'invoice_issued',
    sql`select i.client_id as user_id, 'invoice_issued:' || i.id as idempotency_key,
               jsonb_build_object('invoiceId', i.id, 'number', i.number, 'periodFrom', i.period_from,
                 'periodTo', i.period_to, 'total', i.total,
                 'outstanding', greatest(0, i.total - i.credited_amount - i.paid_amount),
                 'currency', i.currency, 'dueDate', i.due_date) as data
          from invoices i
         where i.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(marked.map((m) => m.id))}::jsonb))`,
  );
  return marked.length;
}
