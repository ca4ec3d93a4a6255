import { z } from 'zod';
import { defineKind, fmt, icu, isoInstant, localized } from '../define';
import { Action, EmailLayout, Facts, P } from '../components/layout';
import { day, when } from '../format';

export const tomorrowTasks = defineKind({
  essential: false,
  audience: 'worker',
  schema: z.object({
    date: z.string().min(10),
    tasks: z
      .array(
        z.object({
          orderId: z.string(),
          number: z.string(),
          service: localized,
          startsAt: isoInstant,
          address: z.string(),
        }),
      )
      .min(1),
  }),
  strings: {
    ru: {
      subject: 'Задания на завтра: {count, plural, one {# заказ} few {# заказа} many {# заказов} other {# заказа}}',
      heading: 'Ваши задания на {date}',
      body: 'Напоминаем о завтрашних заданиях. Приезжайте вовремя и подтвердите начало в приложении.',
      action: 'Открыть задания',
    },
    en: {
      subject: 'Tomorrow’s tasks: {count, plural, one {# order} other {# orders}}',
      heading: 'Your tasks for {date}',
      body: 'A reminder of tomorrow’s tasks. Arrive on time and confirm the start in the app.',
      action: 'Open my tasks',
    },
  },
  subject: (d, t, ctx) => icu(ctx.locale, t.subject, { count: d.tasks.length }),
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.body} heading={fmt(t.heading, { date: day(data.date, ctx) })}>
      <P>{t.body}</P>
      <Facts
        rows={data.tasks.map((task): [string, string] => [
          when(task.startsAt, ctx),
          `${task.service[ctx.locale]} · ${task.address} · ${task.number}`,
        ])}
      />
      <Action ctx={ctx} path="/worker" label={t.action} />
    </EmailLayout>
  ),
  sample: {
    date: '2026-12-01',
    tasks: [
      {
        orderId: '00000000-0000-4000-8000-000000000001',
        number: 'BR-2026-000123',
        service: { ru: 'Генеральная уборка', en: 'Deep cleaning' },
        startsAt: '2026-12-01T07:00:00.000Z',
        address: 'ул. Тверская, 7, кв. 12',
      },
      {
        orderId: '00000000-0000-4000-8000-000000000003',
        number: 'BR-2026-000124',
        service: { ru: 'Мытьё окон', en: 'Window cleaning' },
        startsAt: '2026-12-01T12:00:00.000Z',
        address: 'Ленинский пр., 30',
      },
    ],
  },
});
