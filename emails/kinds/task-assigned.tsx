import { z } from 'zod';
import { defineKind, fmt, icu, money, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { amount } from '../format';

export const taskAssigned = defineKind({
  essential: true,
  audience: 'worker',
  schema: z.object({
    order: orderRef,
    accessNotes: z.string(),
    payTotal: money.nullable(),
    // What the client bought (absent on emails queued before it was sent along).
    scope: z
      .object({
        areaM2: z.number().optional(),
        rooms: z.number().optional(),
        bathrooms: z.number().optional(),
        hours: z.number().optional(),
        extras: z.array(z.object({ code: z.string(), ru: z.string(), en: z.string() })),
      })
      .optional(),
  }),
  strings: {
    ru: {
      subject: 'Новое задание: {service}, {number}',
      heading: 'Вам назначено задание',
      body: 'Проверьте время и адрес. Если не сможете приехать, откажитесь как можно раньше в приложении.',
      notes: 'Как попасть: {notes}',
      size: 'Объём: {size}.',
      extras: 'Дополнительно: {list}.',
      area: '{n} м²',
      rooms: '{n, plural, one {# комната} few {# комнаты} many {# комнат} other {# комнаты}}',
      bathrooms: '{n, plural, one {# санузел} few {# санузла} many {# санузлов} other {# санузла}}',
      hours: '{n, plural, one {# час} few {# часа} many {# часов} other {# часа}}',
      pay: 'Оплата за задание: {pay}.',
      action: 'Открыть задания',
    },
    en: {
      subject: 'New task: {service}, {number}',
      heading: 'You have a new task',
      body: 'Check the time and address. If you cannot make it, decline in the app as early as possible.',
      notes: 'Access: {notes}',
      size: 'Size: {size}.',
      extras: 'Extras: {list}.',
      area: '{n} m²',
      rooms: '{n, plural, one {# room} other {# rooms}}',
      bathrooms: '{n, plural, one {# bathroom} other {# bathrooms}}',
      hours: '{n, plural, one {# hour} other {# hours}}',
      pay: 'Your pay for this task: {pay}.',
      action: 'Open my tasks',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { service: d.order.service[ctx.locale], number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const s = data.scope;
    const size = s
      ? (
          [
            ['area', s.areaM2],
            ['rooms', s.rooms],
            ['bathrooms', s.bathrooms],
            ['hours', s.hours],
          ] as const
        )
          .flatMap(([key, n]) => (n === undefined ? [] : [icu(ctx.locale, t[key], { n })]))
          .join(', ')
      : '';
    const extras = s ? s.extras.map((e) => e[ctx.locale]).join(', ') : '';
    return (
      <EmailLayout ctx={ctx} preview={t.body} heading={t.heading}>
        <OrderFacts order={data.order} ctx={ctx} />
        {size && <P>{fmt(t.size, { size })}</P>}
        {extras && <P>{fmt(t.extras, { list: extras })}</P>}
        {data.accessNotes && <P>{fmt(t.notes, { notes: data.accessNotes })}</P>}
        {data.payTotal !== null && <P>{fmt(t.pay, { pay: amount(data.payTotal, data.order.currency, ctx) })}</P>}
        <P>{t.body}</P>
        <Action ctx={ctx} path="/worker" label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    order: sampleOrder,
    accessNotes: 'Домофон 12, 3 этаж',
    payTotal: 270000,
    scope: { areaM2: 85, bathrooms: 2, extras: [{ code: 'windows', ru: 'Мытьё окон', en: 'Windows' }] },
  },
});
