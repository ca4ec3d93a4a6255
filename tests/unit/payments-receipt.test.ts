import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, buildReceipt, receiptTotal } from '@/lib/payments/receipt';

describe('54-FZ receipts', () => {
  it('one item per line when the amount is the whole invoice', () => {
    const r = buildReceipt({
      customerEmail: 'c@example.com',
      lines: [
        { description: 'Уборка, заказ 1', amount: 300_000 },
        { description: 'Мойка окон, заказ 2', amount: 125_050 },
      ],
      amount: 425_050,
      vatCode: 4,
      settlesInvoice: true,
    });
    expect(r.items).toEqual([
      {
        description: 'Уборка, заказ 1',
        quantity: 1,
        amount: 300_000,
        vatCode: 4,
        paymentSubject: 'service',
        paymentMode: 'full_payment',
      },
      {
        description: 'Мойка окон, заказ 2',
        quantity: 1,
        amount: 125_050,
        vatCode: 4,
        paymentSubject: 'service',
        paymentMode: 'full_payment',
      },
    ]);
  });

  it('a part leaving something unpaid is partial_payment; a share rounding to nothing is left out', () => {
    // 2 kopecks over lines 1 : 1000: shares 0.002 and 1.998 → 0 and 2 (the remainder goes to 0.998).
    const r = buildReceipt({
      customerEmail: 'c@example.com',
      lines: [
        { description: 'a', amount: 1 },
        { description: 'b', amount: 1000 },
      ],
      amount: 2,
      vatCode: 1,
      settlesInvoice: false,
    });
    expect(r.items).toEqual([expect.objectContaining({ description: 'b', amount: 2, paymentMode: 'partial_payment' })]);
  });

  it('descriptions are cut to 128 characters', () => {
    const r = buildReceipt({
      customerEmail: 'c@example.com',
      lines: [{ description: 'x'.repeat(300), amount: 100 }],
      amount: 100,
      vatCode: 1,
      settlesInvoice: true,
    });
    expect(r.items[0].description).toHaveLength(128);
  });

  it('for any lines and amount, the items sum exactly to the amount and no share exceeds its line', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lines, frac) => {
          const total = lines.reduce((s, l) => s + l, 0);
          const amount = Math.max(1, Math.round(total * frac));
          const parts = allocate(amount, lines);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(lines[i]));
          const r = buildReceipt({
            customerEmail: 'c@example.com',
            lines: lines.map((amount, i) => ({ description: `l${i}`, amount })),
            amount,
            vatCode: 1,
            settlesInvoice: amount === total,
          });
          expect(receiptTotal(r)).toBe(amount);
          expect(r.items.every((it) => it.amount > 0)).toBe(true);
        },
      ),
    );
  });
});

describe('YooKassa sender ranges', () => {
  it('IPv4 blocks, single addresses and IPv6 blocks; anything else is outside', async () => {
    const { addressInRanges } = await import('@/lib/payments/yookassa');
    const ranges = ['185.71.76.0/27', '77.75.156.11', '2a02:5180::/32', 'not-a-range'];
    expect(addressInRanges('185.71.76.31', ranges)).toBe(true);
    expect(addressInRanges('185.71.76.32', ranges)).toBe(false);
    expect(addressInRanges('77.75.156.11', ranges)).toBe(true);
    expect(addressInRanges('77.75.156.12', ranges)).toBe(false);
    expect(addressInRanges('2a02:5180:1::1', ranges)).toBe(true);
    expect(addressInRanges('unknown', ranges)).toBe(false);
  });
});
