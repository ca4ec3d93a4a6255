import { z } from 'zod';
import { defineKind, fmt } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { day } from '../format';

export const planChanged = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    planId: z.string().min(1),
    change: z.enum(['paused', 'resumed']),
    from: z.string().nullable(),
    until: z.string().nullable(),
  }),
  strings: {
    ru: {
      subjectPaused: 'Регулярная уборка на паузе',
      subjectResumed: 'Регулярная уборка возобновлена',
      paused: 'Визитов не будет с {from} по {until}; потом всё продолжится как обычно.',
      resumed: 'Пауза снята: визиты снова идут по расписанию.',
      action: 'Открыть план',
    },
    en: {
      subjectPaused: 'Your recurring cleaning is paused',
      subjectResumed: 'Your recurring cleaning is back on',
      paused: 'There will be no visits from {from} to {until}; after that everything goes on as usual.',
      resumed: 'The pause is over: visits follow the schedule again.',
      action: 'Open the plan',
    },
  },
  subject: (d, t) => (d.change === 'paused' ? t.subjectPaused : t.subjectResumed),
  Email: ({ data, t, ctx }) => {
    const body =
      data.change === 'paused' && data.from && data.until
        ? fmt(t.paused, { from: day(data.from, ctx), until: day(data.until, ctx) })
        : t.resumed;
    return (
      <EmailLayout ctx={ctx} preview={body} heading={data.change === 'paused' ? t.subjectPaused : t.subjectResumed}>
        <P>{body}</P>
        <Action ctx={ctx} path={`/plans/${data.planId}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { planId: '00000000-0000-4000-8000-000000000004', change: 'paused', from: '2026-12-21', until: '2027-01-10' },
});
