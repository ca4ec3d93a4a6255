import { z } from 'zod';
import { defineKind, fmt, isoInstant, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { when } from '../format';

export const workStarted = defineKind({
  essential: false,
  audience: 'client',
  schema: z.object({ order: orderRef, workerName: z.string().min(1), startedAt: isoInstant }),
  strings: {
    ru: {
      subject: 'Работа по заказу {number} началась',
      heading: 'Исполнитель приступил к работе',
      body: '{worker} начал(а) работу {at}.',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'Work on order {number} has started',
      heading: 'Your cleaner has started',
      body: '{worker} started at {at}.',
      action: 'Open the order',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { worker: data.workerName, at: when(data.startedAt, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        <Action ctx={ctx} path={`/orders/${data.order.id}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, workerName: 'Анна', startedAt: '2026-12-01T07:03:00.000Z' },
});
