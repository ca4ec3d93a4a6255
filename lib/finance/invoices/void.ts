import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { invoices } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { conflict, notFound } from '@/lib/errors';
import { getSettings } from '@/lib/settings';
import { weekBounds } from '@/lib/scheduler';
import { addDays, toDateString } from '@/lib/time';
import { invoiceBatch } from './generate';
import { notifyIssuedInvoices } from './notify';
import { voidInvoiceInput, type VoidInvoiceInput } from './schemas';

/**
 * Voids an open, unpaid invoice with a reason. An invoice is a billing document over charges already in
 * the ledger (lib/finance posts them when an order completes or a fee applies), so voiding moves no money:
 * it cancels the document and releases its lines, which the re-issue (or next week's run) bills again.
 * A wrong charge itself is corrected in the ledger (reversal or write-off) before re-issuing.
 */
export async function voidInvoice(db: Db, actor: Actor, input: VoidInvoiceInput): Promise<void> {
  assertRole(actor, 'admin');
  const { invoiceId, reason } = voidInvoiceInput.parse(input);
  await db.transaction(async (tx) => {
    const [inv] = await tx
      .select({
        id: invoices.id,
        status: invoices.status,
        paidAmount: invoices.paidAmount,
        number: invoices.number,
        clientId: invoices.clientId,
      })
      .from(invoices)
      .where(eq(invoices.id, invoiceId))
      .for('update');
    if (!inv) throw notFound('billing.errors.invoiceNotFound');
    if (inv.status === 'void') throw conflict('billing.errors.invoiceAlreadyVoid');
    if (inv.paidAmount > 0) throw conflict('billing.errors.invoiceHasPayments');
    await tx
      .update(invoices)
      .set({ status: 'void', voidedAt: new Date(), voidedBy: actor.id, voidReason: reason })
      .where(eq(invoices.id, invoiceId));
    // Keep the lines as billed, and free their orders for the re-issue.
    await tx.execute(sql`
      with moved as (
        delete from invoice_lines l using orders o
         where o.id = l.order_id and o.client_id = ${inv.clientId}::uuid and l.invoice_id = ${invoiceId}::uuid
        returning l.invoice_id, l.order_id, l.kind, l.amount, l.occurred_at
      )
      insert into voided_invoice_lines (invoice_id, order_id, kind, amount, occurred_at) select * from moved`);
    // A tip's line is keyed by the tip (tips_client_idx finds the client's few tips).
    await tx.execute(sql`
      with moved as (
        delete from invoice_lines l using tips t
         where t.id = l.order_id and t.client_id = ${inv.clientId}::uuid and l.invoice_id = ${invoiceId}::uuid
        returning l.invoice_id, l.order_id, l.kind, l.amount, l.occurred_at
      )
      insert into voided_invoice_lines (invoice_id, order_id, kind, amount, occurred_at) select * from moved`);
    await recordAudit(tx, actor, {
      action: 'invoice.void',
      entity: 'invoice',
      entityId: invoiceId,
      before: { status: inv.status },
      after: { status: 'void', reason, number: inv.number },
    });
  });
}

/**
 * Re-issues a voided invoice: everything of that client not on an active invoice now (its released
 * lines, corrected, plus anything new) becomes a new invoice with the next number, and is emailed.
 */
export async function reissueInvoice(
  db: Db,
  actor: Actor,
  input: { invoiceId: string },
): Promise<{ invoiceId: string; number: string }> {
  assertRole(actor, 'admin');
  const settings = await getSettings(db);
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .select({
        id: invoices.id,
        status: invoices.status,
        clientId: invoices.clientId,
        periodFrom: invoices.periodFrom,
        periodTo: invoices.periodTo,
      })
      .from(invoices)
      .where(eq(invoices.id, input.invoiceId))
      .for('update');
    if (!inv) throw notFound('billing.errors.invoiceNotFound');
    if (inv.status !== 'void') throw conflict('billing.errors.invoiceNotVoid');
    const [already] = await tx.select({ id: invoices.id }).from(invoices).where(eq(invoices.reissueOf, inv.id));
    if (already) throw conflict('billing.errors.invoiceAlreadyReissued');
    const now = new Date();
    const issueDate = toDateString(now, settings.timeZone);
    // Only what is dated up to the end of the voided invoice's week (or now, if that is earlier): never
    // charges of a later, possibly still open, week.
    const weekEnd = weekBounds(inv.periodFrom, settings.timeZone).end;
    const result = await invoiceBatch(tx, {
      until: weekEnd.getTime() < now.getTime() ? weekEnd : now,
      periodFrom: inv.periodFrom,
      periodTo: inv.periodTo,
      issuedAt: now,
      dueDate: addDays(issueDate, settings.invoiceDueDays),
      year: Number(issueDate.slice(0, 4)),
      currency: settings.currency,
      afterClientId: null,
      limit: 1,
      clientId: inv.clientId,
      reissueOf: inv.id,
    });
    if (result.invoices === 0) throw conflict('billing.errors.nothingToReissue');
    const [created] = await tx
      .select({ id: invoices.id, number: invoices.number })
      .from(invoices)
      .where(eq(invoices.reissueOf, inv.id));
    await notifyIssuedInvoices(tx, 50);
    await recordAudit(tx, actor, {
      action: 'invoice.reissue',
      entity: 'invoice',
      entityId: created.id,
      after: { reissueOf: inv.id, number: created.number },
    });
    return { invoiceId: created.id, number: created.number };
  });
}
