import { z } from 'zod';
import { defineKind, fmt, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { reasonWords } from '@/lib/i18n/shared';

export const orderFailedManager = defineKind({
  essential: true,
  audience: 'manager',
  schema: z.object({
    order: orderRef,
    reason: z.string().nullable(),
    reasonCode: z.string().nullable(),
    workerName: z.string().nullable(),
  }),
  strings: {
    ru: {
      subject: 'Заказ {number} провален',
      heading: 'Заказ провален',
      body: 'Заказ {number} переведён в статус «не выполнен». Свяжитесь с клиентом и зафиксируйте итог.',
      reason: 'Причина: {reason}',
      worker: 'Исполнитель: {name}',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'Order {number} failed',
      heading: 'An order failed',
      body: 'Order {number} is now failed. Contact the client and record the outcome.',
      reason: 'Reason: {reason}',
      worker: 'Cleaner: {name}',
      action: 'Open the order',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { number: data.order.number });
    // The reason in words, then the manager's own words when they differ from the code.
    const reason = [...new Set([data.reasonCode, data.reason].map((r) => reasonWords(r, ctx.locale)))]
      .filter(Boolean)
      .join(' — ');
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        {reason && <P>{fmt(t.reason, { reason })}</P>}
        {data.workerName && <P>{fmt(t.worker, { name: data.workerName })}</P>}
        <Action ctx={ctx} path={`/admin/orders/${data.order.id}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    order: sampleOrder,
    reason: 'Клиент не смог попасть в квартиру',
    reasonCode: 'no_show',
    workerName: 'Анна',
  },
});
