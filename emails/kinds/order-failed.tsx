import { z } from 'zod';
import { defineKind, fmt, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { reasonWords } from '@/lib/i18n/shared';

export const orderFailed = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({ order: orderRef, reason: z.string().nullable() }),
  strings: {
    ru: {
      subject: 'Заказ {number}: работа не выполнена',
      heading: 'Заказ не выполнен',
      body: 'К сожалению, заказ не удалось выполнить как положено. Менеджер свяжется с вами, чтобы всё исправить.',
      reason: 'Причина: {reason}',
      action: 'Открыть заказ',
    },
    en: {
      subject: 'Order {number}: the work was not done',
      heading: 'The order failed',
      body: 'Unfortunately the order could not be completed properly. A manager will contact you to put it right.',
      reason: 'Reason: {reason}',
      action: 'Open the order',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.body} heading={t.heading}>
      <P>{t.body}</P>
      <OrderFacts order={data.order} ctx={ctx} />
      {reasonWords(data.reason, ctx.locale) && (
        <P>{fmt(t.reason, { reason: reasonWords(data.reason, ctx.locale)! })}</P>
      )}
      <Action ctx={ctx} path={`/orders/${data.order.id}`} label={t.action} />
    </EmailLayout>
  ),
  sample: { order: sampleOrder, reason: 'Исполнитель не пришёл' },
});
