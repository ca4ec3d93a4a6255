import { z } from 'zod';
import { defineKind, fmt, isoInstant } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { amount, day, when } from '../format';

export const planChanged = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    planId: z.string().min(1),
    change: z.enum(['paused', 'resumed', 'holidays', 'schedule']),
    /** For a holiday rule change: what a company holiday now does to a visit. */
    holidayRule: z.enum(['skip', 'move']).optional(),
    from: z.string().nullable(),
    until: z.string().nullable(),
    /** For a change from a date: the new frequency, time, per-visit price and first visits. */
    weeks: z.number().int().optional(),
    time: z.string().optional(),
    perVisit: z.number().int().nullable().optional(),
    currency: z.string().optional(),
    firstStarts: z.array(isoInstant).optional(),
  }),
  strings: {
    ru: {
      subjectPaused: 'Регулярная уборка на паузе',
      subjectResumed: 'Регулярная уборка возобновлена',
      paused: 'Визитов не будет с {from} по {until}; потом всё продолжится как обычно.',
      resumed: 'Пауза снята: визиты снова идут по расписанию.',
      subjectHolidays: 'Регулярная уборка: правило для праздников изменено',
      holidaysSkip: 'Визиты, которые приходятся на праздничные дни компании, теперь пропускаются.',
      holidaysMove:
        'Визиты, которые приходятся на праздничные дни компании, теперь переносятся на следующий рабочий день.',
      subjectSchedule: 'Регулярная уборка изменена',
      schedule: 'С {from} мы приходим {every} в {time}. Прежние визиты до этой даты остались как были.',
      perVisit: 'Стоимость визита по новым параметрам: {price}.',
      next: 'Ближайшие визиты:',
      every1: 'каждую неделю',
      every2: 'раз в две недели',
      every4: 'раз в четыре недели',
      action: 'Открыть план',
    },
    en: {
      subjectPaused: 'Your recurring cleaning is paused',
      subjectResumed: 'Your recurring cleaning is back on',
      paused: 'There will be no visits from {from} to {until}; after that everything goes on as usual.',
      resumed: 'The pause is over: visits follow the schedule again.',
      subjectHolidays: 'Your recurring cleaning: the holiday rule has changed',
      holidaysSkip: 'Visits that fall on a company holiday are now skipped.',
      holidaysMove: 'Visits that fall on a company holiday now move to the next working day.',
      subjectSchedule: 'Your recurring cleaning has changed',
      schedule: 'From {from} we come {every} at {time}. Visits before that date stay as they were.',
      perVisit: 'Each visit with the new options: {price}.',
      next: 'The next visits:',
      every1: 'every week',
      every2: 'every two weeks',
      every4: 'every four weeks',
      action: 'Open the plan',
    },
  },
  subject: (d, t) =>
    d.change === 'paused'
      ? t.subjectPaused
      : d.change === 'holidays'
        ? t.subjectHolidays
        : d.change === 'schedule'
          ? t.subjectSchedule
          : t.subjectResumed,
  Email: ({ data, t, ctx }) => {
    const every = data.weeks === 1 ? t.every1 : data.weeks === 4 ? t.every4 : t.every2;
    const body =
      data.change === 'paused' && data.from && data.until
        ? fmt(t.paused, { from: day(data.from, ctx), until: day(data.until, ctx) })
        : data.change === 'holidays'
          ? data.holidayRule === 'move'
            ? t.holidaysMove
            : t.holidaysSkip
          : data.change === 'schedule' && data.from
            ? fmt(t.schedule, { from: day(data.from, ctx), every, time: data.time ?? '' })
            : t.resumed;
    const heading =
      data.change === 'paused'
        ? t.subjectPaused
        : data.change === 'holidays'
          ? t.subjectHolidays
          : data.change === 'schedule'
            ? t.subjectSchedule
            : t.subjectResumed;
    return (
      <EmailLayout ctx={ctx} preview={body} heading={heading}>
        <P>{body}</P>
        {data.change === 'schedule' && data.perVisit != null && data.currency ? (
          <P>{fmt(t.perVisit, { price: amount(data.perVisit, data.currency, ctx) })}</P>
        ) : null}
        {data.change === 'schedule' && data.firstStarts?.length ? (
          <>
            <P>{t.next}</P>
            {data.firstStarts.map((s) => (
              <P key={s}>{when(s, ctx)}</P>
            ))}
          </>
        ) : null}
        <Action ctx={ctx} path={`/plans/${data.planId}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { planId: '00000000-0000-4000-8000-000000000004', change: 'paused', from: '2026-12-21', until: '2027-01-10' },
});
