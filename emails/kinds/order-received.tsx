import { z } from 'zod';
import { defineKind, fmt, money, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { amount } from '../format';

export const orderReceived = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({ order: orderRef, estimateTotal: money }),
  strings: {
    ru: {
      subject: 'Заказ {number} принят',
      heading: 'Мы получили ваш заказ',
      body: 'Подбираем исполнителя. Предварительная стоимость — {estimate}; точную цену пришлём, когда исполнитель будет назначен.',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'Order {number} received',
      heading: 'We have received your order',
      body: 'We are matching a cleaner. The estimate is {estimate}; we will send the final price once a cleaner is assigned.',
      action: 'Open the order',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { estimate: amount(data.estimateTotal, data.order.currency, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        <Action ctx={ctx} path={`/orders/${data.order.id}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, estimateTotal: 540000 },
});
