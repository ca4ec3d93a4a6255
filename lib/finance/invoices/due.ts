// What an invoice still asks for, and when an amount settles it: the one rule every payment, credit,
// credit note and write-off applies (pure).

type InvoiceMoney = { status: string; total: number; creditedAmount: number; paidAmount: number };

/** What an invoice still asks for: its lines, less its credit notes, less what was paid (never below 0). */
export function amountDue(inv: InvoiceMoney): number {
  if (inv.status === 'void') return 0;
  return Math.max(0, inv.total - inv.creditedAmount - inv.paidAmount);
}

/** An open invoice that `amount` more (paid or credited) leaves asking for nothing. */
export function settles(inv: InvoiceMoney, amount: number): boolean {
  return inv.status === 'open' && inv.paidAmount + inv.creditedAmount + amount >= inv.total;
}
