import { z } from 'zod';
import { defineKind, fmt, isoInstant } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { when } from '../format';

export const planConfirmed = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({ planId: z.string().min(1), weeks: z.number().int(), firstStarts: z.array(isoInstant) }),
  strings: {
    ru: {
      subject: 'Регулярная уборка оформлена',
      heading: 'Регулярная уборка оформлена',
      body: 'Мы будем приходить {every}. Ближайшие визиты:',
      every1: 'каждую неделю',
      every2: 'раз в две недели',
      every4: 'раз в четыре недели',
      action: 'Открыть план',
    },
    en: {
      subject: 'Your recurring cleaning is booked',
      heading: 'Your recurring cleaning is booked',
      body: 'We will come {every}. The next visits:',
      every1: 'every week',
      every2: 'every two weeks',
      every4: 'every four weeks',
      action: 'Open the plan',
    },
  },
  subject: (_d, t) => t.subject,
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.heading} heading={t.heading}>
      <P>{fmt(t.body, { every: data.weeks === 1 ? t.every1 : data.weeks === 2 ? t.every2 : t.every4 })}</P>
      {data.firstStarts.map((s) => (
        <P key={s}>{when(s, ctx)}</P>
      ))}
      <Action ctx={ctx} path={`/plans/${data.planId}`} label={t.action} />
    </EmailLayout>
  ),
  sample: { planId: '00000000-0000-4000-8000-000000000004', weeks: 2, firstStarts: ['2026-12-07T07:00:00.000Z'] },
});
