import { z } from 'zod';
import { defineKind, fmt, isoInstant, money, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { amount, when } from '../format';

export const workFinished = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({ order: orderRef, finishedAt: isoInstant, priceTotal: money.nullable() }),
  strings: {
    ru: {
      subject: 'Заказ {number} выполнен',
      heading: 'Работа завершена',
      body: 'Исполнитель закончил работу {at}.',
      price: 'Стоимость {total} войдёт в ближайший недельный счёт.',
      rate: 'Пожалуйста, оцените работу — это помогает нам подбирать для вас лучших исполнителей.',
      action: 'Оценить работу',
    },
    en: {
      subject: 'Order {number} is done',
      heading: 'The work is finished',
      body: 'Your cleaner finished at {at}.',
      price: 'The price of {total} will be on your next weekly invoice.',
      rate: 'Please rate the work — it helps us match the best cleaners for you.',
      action: 'Rate the work',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { at: when(data.finishedAt, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        {data.priceTotal !== null && (
          <P>{fmt(t.price, { total: amount(data.priceTotal, data.order.currency, ctx) })}</P>
        )}
        <P>{t.rate}</P>
        <Action ctx={ctx} path={`/orders/${data.order.id}#feedback`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, finishedAt: '2026-12-01T10:10:00.000Z', priceTotal: 594000 },
});
