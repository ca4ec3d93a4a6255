import { z } from 'zod';
import { defineKind, fmt, money, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { reasonWords } from '@/lib/i18n/shared';
import { amount } from '../format';

export const cancelledBy = z.enum(['client', 'company']);

export const orderCancelled = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({ order: orderRef, by: cancelledBy, reason: z.string().nullable(), fee: money }),
  strings: {
    ru: {
      subject: 'Заказ {number} отменён',
      heading: 'Заказ отменён',
      byClient: 'Заказ отменён по вашей просьбе.',
      byCompany: 'Мы были вынуждены отменить заказ. Приносим извинения.',
      reason: 'Причина: {reason}',
      fee: 'За позднюю отмену начислен сбор {fee}; он войдёт в ближайший счёт.',
      noFee: 'Плата за отмену не взимается.',
      action: 'Заказать снова',
    },
    en: {
      subject: 'Order {number} is cancelled',
      heading: 'Order cancelled',
      byClient: 'The order was cancelled at your request.',
      byCompany: 'We had to cancel the order. We are sorry.',
      reason: 'Reason: {reason}',
      fee: 'A late-cancellation fee of {fee} applies; it will be on your next invoice.',
      noFee: 'There is no cancellation fee.',
      action: 'Order again',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const intro = data.by === 'client' ? t.byClient : t.byCompany;
    return (
      <EmailLayout ctx={ctx} preview={intro} heading={t.heading}>
        <P>{intro}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        {reasonWords(data.reason, ctx.locale) && (
          <P>{fmt(t.reason, { reason: reasonWords(data.reason, ctx.locale)! })}</P>
        )}
        <P>{data.fee > 0 ? fmt(t.fee, { fee: amount(data.fee, data.order.currency, ctx) }) : t.noFee}</P>
        <Action ctx={ctx} path="/services" label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, by: 'client', reason: 'Планы изменились', fee: 108000 },
});
