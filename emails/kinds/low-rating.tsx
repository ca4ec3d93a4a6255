import { z } from 'zod';
import { defineKind, fmt, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';

/** A client rated a visit 1 or 2 stars: the managers hear of it at once, while it can still be put right. */
export const lowRating = defineKind({
  essential: true,
  audience: 'manager',
  schema: z.object({
    order: orderRef,
    rating: z.number().int().min(1).max(5),
    comment: z.string(),
    workerName: z.string().nullable(),
  }),
  strings: {
    ru: {
      subject: 'Низкая оценка: {rating} из 5, заказ {number}',
      heading: 'Клиент недоволен',
      body: 'Клиент оценил заказ {number} на {rating} из 5. Свяжитесь с ним, пока ещё можно всё исправить.',
      comment: 'Комментарий клиента: {comment}',
      worker: 'Исполнитель: {name}',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'Low rating: {rating} of 5, order {number}',
      heading: 'A client is unhappy',
      body: 'The client rated order {number} {rating} of 5. Get in touch while it can still be put right.',
      comment: "Client's comment: {comment}",
      worker: 'Cleaner: {name}',
      action: 'Open the order',
    },
  },
  subject: (d, t) => fmt(t.subject, { rating: String(d.rating), number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { number: data.order.number, rating: String(data.rating) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        {data.comment && <P>{fmt(t.comment, { comment: data.comment })}</P>}
        {data.workerName && <P>{fmt(t.worker, { name: data.workerName })}</P>}
        <Action ctx={ctx} path={`/admin/orders/${data.order.id}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, rating: 2, comment: 'Окна остались грязными', workerName: 'Анна Смирнова' },
});
