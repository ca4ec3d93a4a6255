import { z } from 'zod';
import { defineKind, fmt, icu, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';

export const orderUnmatched = defineKind({
  essential: true,
  audience: 'manager',
  /** noSkilledWorker: no active worker has the service's skill at all (told at once, not near the start). */
  schema: z.object({ order: orderRef, hoursToStart: z.number(), noSkilledWorker: z.boolean().default(false) }),
  strings: {
    ru: {
      subject: 'Нет исполнителя: {number}',
      heading: 'Заказ без исполнителя',
      body: 'До начала заказа {number} осталось около {hours, plural, one {# часа} few {# часов} many {# часов} other {# часа}}, а исполнитель не найден. Назначьте вручную или свяжитесь с клиентом.',
      action: 'Открыть заказ',
      noSkill:
        'Заказ {number} ({service}) некому выполнить: ни у одного активного исполнителя нет нужного навыка. Добавьте навык исполнителю или свяжитесь с клиентом.',
    },
    en: {
      subject: 'No cleaner yet: {number}',
      heading: 'Order without a cleaner',
      body: 'Order {number} starts in about {hours, plural, one {# hour} other {# hours}} and no cleaner is matched. Assign one by hand or contact the client.',
      action: 'Open the order',
      noSkill:
        'Nobody can do order {number} ({service}): no active cleaner has the skill it needs. Give a cleaner the skill or contact the client.',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = data.noSkilledWorker
      ? fmt(t.noSkill, { number: data.order.number, service: data.order.service[ctx.locale] })
      : icu(ctx.locale, t.body, { number: data.order.number, hours: Math.max(0, Math.round(data.hoursToStart)) });
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
