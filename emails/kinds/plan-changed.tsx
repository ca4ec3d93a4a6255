import { z } from 'zod';
import { defineKind, fmt } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { day } from '../format';

export const planChanged = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    planId: z.string().min(1),
    change: z.enum(['paused', 'resumed', 'holidays']),
    /** For a holiday rule change: what a company holiday now does to a visit. */
    holidayRule: z.enum(['skip', 'move']).optional(),
    from: z.string().nullable(),
    until: z.string().nullable(),
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
      action: 'Open the plan',
    },
  },
  subject: (d, t) =>
    d.change === 'paused' ? t.subjectPaused : d.change === 'holidays' ? t.subjectHolidays : t.subjectResumed,
  Email: ({ data, t, ctx }) => {
    const body =
      data.change === 'paused' && data.from && data.until
        ? fmt(t.paused, { from: day(data.from, ctx), until: day(data.until, ctx) })
        : data.change === 'holidays'
          ? data.holidayRule === 'move'
            ? t.holidaysMove
            : t.holidaysSkip
          : t.resumed;
    const heading =
      data.change === 'paused' ? t.subjectPaused : data.change === 'holidays' ? t.subjectHolidays : t.subjectResumed;
    return (
      <EmailLayout ctx={ctx} preview={body} heading={heading}>
        <P>{body}</P>
        <Action ctx={ctx} path={`/plans/${data.planId}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { planId: '00000000-0000-4000-8000-000000000004', change: 'paused', from: '2026-12-21', until: '2027-01-10' },
});
