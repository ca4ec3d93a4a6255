import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { amount } from '../format';

export const planEnded = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({ planId: z.string().min(1), fees: money, currency: z.string().length(3) }),
  strings: {
    ru: {
      subject: 'Регулярная уборка завершена',
      heading: 'Регулярная уборка завершена',
      body: 'Все будущие визиты отменены.',
      fees: 'Плата за позднюю отмену визитов: {fees}.',
      action: 'Открыть план',
    },
    en: {
      subject: 'Your recurring cleaning has ended',
      heading: 'Your recurring cleaning has ended',
      body: 'Every future visit is cancelled.',
      fees: 'Late cancellation fees for the visits: {fees}.',
      action: 'Open the plan',
    },
  },
  subject: (_d, t) => t.subject,
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.body} heading={t.heading}>
      <P>{t.body}</P>
      {data.fees > 0 ? <P>{fmt(t.fees, { fees: amount(data.fees, data.currency, ctx) })}</P> : null}
      <Action ctx={ctx} path={`/plans/${data.planId}`} label={t.action} />
    </EmailLayout>
  ),
  sample: { planId: '00000000-0000-4000-8000-000000000004', fees: 0, currency: 'RUB' },
});
