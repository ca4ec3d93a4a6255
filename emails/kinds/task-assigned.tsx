import { z } from 'zod';
import { defineKind, fmt, money, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { amount } from '../format';

export const taskAssigned = defineKind({
  essential: true,
  audience: 'worker',
  schema: z.object({ order: orderRef, accessNotes: z.string(), payTotal: money.nullable() }),
  strings: {
    ru: {
      subject: 'Новое задание: {service}, {number}',
      heading: 'Вам назначено задание',
      body: 'Проверьте время и адрес. Если не сможете приехать, откажитесь как можно раньше в приложении.',
      notes: 'Как попасть: {notes}',
      pay: 'Оплата за задание: {pay}.',
      action: 'Открыть задания',
    },
    en: {
      subject: 'New task: {service}, {number}',
      heading: 'You have a new task',
      body: 'Check the time and address. If you cannot make it, decline in the app as early as possible.',
      notes: 'Access: {notes}',
      pay: 'Your pay for this task: {pay}.',
      action: 'Open my tasks',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { service: d.order.service[ctx.locale], number: d.order.number }),
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.body} heading={t.heading}>
      <OrderFacts order={data.order} ctx={ctx} />
      {data.accessNotes && <P>{fmt(t.notes, { notes: data.accessNotes })}</P>}
      {data.payTotal !== null && <P>{fmt(t.pay, { pay: amount(data.payTotal, data.order.currency, ctx) })}</P>}
      <P>{t.body}</P>
      <Action ctx={ctx} path="/worker" label={t.action} />
    </EmailLayout>
  ),
  sample: { order: sampleOrder, accessNotes: 'Домофон 12, 3 этаж', payTotal: 270000 },
});
