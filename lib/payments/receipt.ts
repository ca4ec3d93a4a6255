// 54-FZ receipts as YooKassa takes them (the `receipt` object of a payment or a refund): pure, so the browser
// may load it and the unit tests pin it. Money is in minor units here; YooKassa's "value" strings are made by
// the adapter.

/** What was sold, one entry per invoice line: its description and its amount (minor units). */
export type ReceiptLine = { description: string; amount: number };

/** 54-FZ "payment method" sign (tag 1214) we use: the whole rest of an invoice, or a part leaving some unpaid. */
export type ReceiptPaymentMode = 'full_payment' | 'partial_payment';

export type ReceiptItem = {
  description: string;
  /** Quantity 1: the item's amount is the whole line (or its share of this payment). */
  quantity: number;
  amount: number;
  vatCode: number;
  paymentSubject: 'service';
  paymentMode: ReceiptPaymentMode;
};

export type Receipt = { customerEmail: string; items: ReceiptItem[] };

/** YooKassa truncates nothing: a description over 128 characters is refused. */
export const RECEIPT_DESCRIPTION_MAX = 128;

/**
 * The receipt for a payment (or refund) of `amount` against invoice lines. Each line is an item; when the amount is
 * not the lines' whole sum (an earlier partial payment, a credit note or the client's credit already covered part
 * of the invoice, or a partial refund), each line gets its share of the amount in proportion to its own, the
 * kopecks left by rounding going to the lines with the largest remainders (then the earliest), so the items sum
 * to exactly the amount. Lines whose share rounds to nothing are left out (YooKassa refuses a zero item).
 * `settlesInvoice`: this payment pays what is left of the invoice (full_payment); otherwise something stays
 * unpaid after it (partial_payment).
 */
export function buildReceipt(input: {
  customerEmail: string;
  lines: ReceiptLine[];
  amount: number;
  vatCode: number;
  settlesInvoice: boolean;
}): Receipt {
  const { lines, amount } = input;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error('receipt amount must be a positive integer');
  const positive = lines.filter((l) => l.amount > 0);
  const paymentMode: ReceiptPaymentMode = input.settlesInvoice ? 'full_payment' : 'partial_payment';
  const item = (description: string, share: number): ReceiptItem => ({
    description: description.slice(0, RECEIPT_DESCRIPTION_MAX),
    quantity: 1,
    amount: share,
    vatCode: input.vatCode,
    paymentSubject: 'service',
    paymentMode,
  });
  const total = positive.reduce((s, l) => s + l.amount, 0);
  if (total <= 0) throw new Error('receipt needs at least one line with an amount');
  const shares = allocate(
    amount,
    positive.map((l) => l.amount),
  );
  return {
    customerEmail: input.customerEmail,
    items: positive.map((l, i) => item(l.description, shares[i])).filter((it) => it.amount > 0),
  };
}

/**
 * Splits `amount` over `weights` in proportion (largest remainder; ties to the earlier weight): the parts are
 * whole and sum to exactly `amount`. With `amount` equal to the weights' sum each part is its weight.
 */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  // BigInt keeps amount × weight exact past 2^53 (a large invoice times a large line).
  const big = weights.map((w) => (BigInt(amount) * BigInt(w)) / BigInt(total));
  const rest = weights.map((w, i) => BigInt(amount) * BigInt(w) - big[i] * BigInt(total));
  const parts = big.map(Number);
  let left = amount - parts.reduce((s, p) => s + p, 0);
  const order = weights.map((_, i) => i).sort((a, b) => (rest[b] > rest[a] ? 1 : rest[b] < rest[a] ? -1 : a - b));
  for (const i of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** The sum of a receipt's items (quantity × amount), for checks. */
export function receiptTotal(receipt: Receipt): number {
  return receipt.items.reduce((s, it) => s + it.amount * it.quantity, 0);
}
