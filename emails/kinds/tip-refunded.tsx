import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { amount } from '../format';

/** Part or all of a tip the client paid by card was given back (lib/payments/refunds.ts): a tip has no invoice. */
export const tipRefunded = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    amount: money.positive(),
    currency: z.string().length(3),
    orderId: z.string().min(1),
    orderNumber: z.string().min(1),
    workerFirstName: z.string(),
  }),
  strings: {
    ru: {
      subject: 'Возврат чаевых {amount} по заказу {number}',
      heading: 'Мы вернули вам чаевые',
      body: 'Мы вернули {amount} из чаевых, которые вы оставили исполнителю {worker} за заказ {number}.',
      when: 'Деньги придут на карту, с которой вы платили; банку может понадобиться несколько дней.',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'Refund of {amount} of your tip on order {number}',
      heading: 'We have refunded your tip',
      body: 'We have refunded {amount} of the tip you left {worker} for order {number}.',
      when: 'The money goes back to the card you paid with; your bank may take a few days to show it.',
      action: 'View the order',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { amount: amount(d.amount, d.currency, ctx), number: d.orderNumber }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, {
      amount: amount(data.amount, data.currency, ctx),
      worker: data.workerFirstName,
      number: data.orderNumber,
    });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <P>{t.when}</P>
        <Action ctx={ctx} path={`/orders/${data.orderId}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    amount: 20000,
    currency: 'RUB',
    orderId: '00000000-0000-4000-8000-000000000003',
    orderNumber: 'BR-2026-000123',
    workerFirstName: 'Анна',
  },
});
