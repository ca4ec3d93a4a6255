import { z } from 'zod';
import { defineKind, fmt, money, orderRef, priceLine, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P, PriceLines } from '../components/layout';

export const workerMatched = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    order: orderRef,
    workerName: z.string().min(1),
    priceLines: z.array(priceLine),
    priceTotal: money,
  }),
  strings: {
    ru: {
      subject: 'Исполнитель назначен: заказ {number}',
      heading: 'Исполнитель назначен',
      body: 'Ваш заказ выполнит {worker}. Окончательная стоимость:',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'Cleaner assigned: order {number}',
      heading: 'Your cleaner is assigned',
      body: '{worker} will do your order. The final price:',
      action: 'Open the order',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { worker: data.workerName });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <OrderFacts order={data.order} ctx={ctx} />
        <P>{body}</P>
        <PriceLines lines={data.priceLines} total={data.priceTotal} currency={data.order.currency} ctx={ctx} />
        <Action ctx={ctx} path={`/orders/${data.order.id}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    order: sampleOrder,
    workerName: 'Анна',
    priceLines: [
      {
        code: 'base',
        labelRu: 'Уборка, 60 м²',
        labelEn: 'Cleaning, 60 m²',
        quantity: 60,
        unitPrice: 9000,
        amount: 540000,
      },
      { code: 'grade', labelRu: 'Опытный исполнитель', labelEn: 'Senior cleaner', amount: 54000 },
    ],
    priceTotal: 594000,
  },
});
