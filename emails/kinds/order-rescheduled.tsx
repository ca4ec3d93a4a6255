import { z } from 'zod';
import { defineKind, fmt, isoInstant, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { when } from '../format';

export const orderRescheduled = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({ order: orderRef, previousStartsAt: isoInstant }),
  strings: {
    ru: {
      subject: 'Заказ {number} перенесён',
      heading: 'Новое время заказа',
      body: 'Заказ перенесён с {from} на {to}. Мы заново подбираем исполнителя на новое время и сообщим, когда он будет назначен.',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'Order {number} is rescheduled',
      heading: 'New time for your order',
      body: 'The order moved from {from} to {to}. We are matching a cleaner for the new time and will tell you once one is assigned.',
      action: 'Open the order',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { from: when(data.previousStartsAt, ctx), to: when(data.order.startsAt, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        <Action ctx={ctx} path={`/orders/${data.order.id}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, previousStartsAt: '2026-11-30T07:00:00.000Z' },
});
