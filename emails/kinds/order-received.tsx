import { z } from 'zod';
import { defineKind, fmt, money, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { amount } from '../format';

export const orderReceived = defineKind({
  essential: true,
  audience: 'client',
  /** redoOf: the failed order's number when this is its free re-do. */
  schema: z.object({ order: orderRef, estimateTotal: money, redoOf: z.string().nullable().default(null) }),
  strings: {
    ru: {
      subject: 'Заказ {number} принят',
      heading: 'Мы получили ваш заказ',
      body: 'Подбираем исполнителя. Предварительная стоимость — {estimate}; точную цену пришлём, когда исполнитель будет назначен.',
      action: 'Открыть заказ',
      redoSubject: 'Повторная уборка {number} — бесплатно',
      redoHeading: 'Мы переделаем работу бесплатно',
      redoBody:
        'Простите, что заказ {original} не получился. Повторная уборка за наш счёт назначена на время ниже; если оно вам не подходит, ответьте на это письмо или перенесите заказ.',
    },
    en: {
      subject: 'Order {number} received',
      heading: 'We have received your order',
      body: 'We are matching a cleaner. The estimate is {estimate}; we will send the final price once a cleaner is assigned.',
      action: 'Open the order',
      redoSubject: 'Free re-do {number}',
      redoHeading: 'We will redo the job free of charge',
      redoBody:
        'We are sorry order {original} went wrong. A re-do at our expense is booked for the time below; if it does not suit you, reply to this email or reschedule the order.',
    },
  },
  subject: (d, t) => fmt(d.redoOf ? t.redoSubject : t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = data.redoOf
      ? fmt(t.redoBody, { original: data.redoOf })
      : fmt(t.body, { estimate: amount(data.estimateTotal, data.order.currency, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={data.redoOf ? t.redoHeading : t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        <Action ctx={ctx} path={`/orders/${data.order.id}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, estimateTotal: 540000 },
});
