import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { amount } from '../format';

export const payslipIssued = defineKind({
  essential: true,
  audience: 'worker',
  schema: z.object({
    payslipId: z.string().min(1),
    period: z.string().regex(/^\d{4}-\d{2}$/),
    net: money,
    currency: z.string().length(3),
  }),
  strings: {
    ru: {
      subject: 'Расчётный листок за {period}',
      heading: 'Расчётный листок',
      body: 'Готов расчётный листок за {period}: к выплате {net}.',
      action: 'Открыть листок',
    },
    en: {
      subject: 'Payslip for {period}',
      heading: 'Your payslip',
      body: 'Your payslip for {period} is ready: {net} to be paid.',
      action: 'Open the payslip',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { period: monthName(d.period, ctx.locale) }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { period: monthName(data.period, ctx.locale), net: amount(data.net, data.currency, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <Action ctx={ctx} path="/worker/payslips" label={t.action} />
      </EmailLayout>
    );
  },
  sample: { payslipId: '00000000-0000-4000-8000-000000000004', period: '2026-11', net: 6540000, currency: 'RUB' },
});

function monthName(period: string, locale: 'ru' | 'en'): string {
  const [y, m] = period.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}
