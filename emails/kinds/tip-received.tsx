import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { amount } from '../format';

/** A worker's client left them a tip (lib/finance/tips.ts); it is all theirs, paid with their next payslip. */
export const tipReceived = defineKind({
  essential: true,
  audience: 'worker',
  schema: z.object({
    amount: money.positive(),
    currency: z.string().length(3),
    orderNumber: z.string(),
  }),
  strings: {
    ru: {
      subject: 'Вам оставили чаевые {amount}',
      heading: 'Чаевые',
      body: 'Клиент оставил вам чаевые {amount} за заказ {number}.',
      payout: 'Вся сумма ваша: она войдёт в ближайшую выплату отдельной строкой.',
      action: 'Мои начисления',
    },
    en: {
      subject: 'You received a tip of {amount}',
      heading: 'Tip',
      body: 'Your client left you a tip of {amount} for order {number}.',
      payout: 'It is all yours: it is added to your next payout as a line of its own.',
      action: 'My earnings',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { amount: amount(d.amount, d.currency, ctx) }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { amount: amount(data.amount, data.currency, ctx), number: data.orderNumber });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <P>{t.payout}</P>
        <Action ctx={ctx} path="/worker/earnings" label={t.action} />
      </EmailLayout>
    );
  },
  sample: { amount: 30000, currency: 'RUB', orderNumber: 'BR-2026-000123' },
});
