import { z } from 'zod';
import { defineKind, fmt, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';

export const orderUnmatched = defineKind({
  essential: true,
  audience: 'manager',
  schema: z.object({ order: orderRef, hoursToStart: z.number() }),
  strings: {
    ru: {
      subject: 'Нет исполнителя: {number}',
      heading: 'Заказ без исполнителя',
      body: 'До начала заказа {number} осталось около {hours} ч, а исполнитель не найден. Назначьте вручную или свяжитесь с клиентом.',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'No cleaner yet: {number}',
      heading: 'Order without a cleaner',
      body: 'Order {number} starts in about {hours} h and no cleaner is matched. Assign one by hand or contact the client.',
      action: 'Open the order',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { number: data.order.number, hours: Math.max(0, Math.round(data.hoursToStart)) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        <Action ctx={ctx} path={`/admin/orders/${data.order.id}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, hoursToStart: 5 },
});
