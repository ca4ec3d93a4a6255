import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { reasonWords } from '@/lib/i18n/shared';
import { amount } from '../format';

export const adjustmentRecorded = defineKind({
  essential: true,
  audience: 'worker',
  schema: z.object({
    type: z.enum(['fine', 'bonus']),
    amount: money.nonnegative(),
    currency: z.string().length(3),
    reason: z.string(),
    orderNumber: z.string().nullable(),
  }),
  strings: {
    ru: {
      fineSubject: 'Начислен штраф {amount}',
      bonusSubject: 'Начислена премия {amount}',
      fineHeading: 'Штраф',
      bonusHeading: 'Премия',
      fine: 'Вам начислен штраф {amount}. Он будет удержан из ближайшей выплаты.',
      bonus: 'Вам начислена премия {amount}. Она войдёт в ближайшую выплату.',
      reason: 'Основание: {reason}',
      order: 'Заказ: {number}',
      action: 'Мои начисления',
    },
    en: {
      fineSubject: 'Fine of {amount} recorded',
      bonusSubject: 'Bonus of {amount} recorded',
      fineHeading: 'Fine',
      bonusHeading: 'Bonus',
      fine: 'A fine of {amount} was recorded. It will be deducted from your next payout.',
      bonus: 'A bonus of {amount} was recorded. It will be added to your next payout.',
      reason: 'Reason: {reason}',
      order: 'Order: {number}',
      action: 'My earnings',
    },
  },
  subject: (d, t, ctx) =>
    fmt(d.type === 'fine' ? t.fineSubject : t.bonusSubject, { amount: amount(d.amount, d.currency, ctx) }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(data.type === 'fine' ? t.fine : t.bonus, { amount: amount(data.amount, data.currency, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={data.type === 'fine' ? t.fineHeading : t.bonusHeading}>
        <P>{body}</P>
        {reasonWords(data.reason, ctx.locale) && (
          <P>{fmt(t.reason, { reason: reasonWords(data.reason, ctx.locale)! })}</P>
        )}
        {data.orderNumber && <P>{fmt(t.order, { number: data.orderNumber })}</P>}
        <Action ctx={ctx} path="/worker/earnings" label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    type: 'fine',
    amount: 50000,
    currency: 'RUB',
    reason: 'Опоздание на 40 минут',
    orderNumber: 'BR-2026-000123',
  },
});
