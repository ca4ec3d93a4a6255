import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, Facts, P } from '../components/layout';
import { amount, day } from '../format';

export const invoiceIssued = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    invoiceId: z.string().min(1),
    number: z.string().min(1),
    periodFrom: z.string().min(10),
    periodTo: z.string().min(10),
    total: money,
    /** What is still due after the client's credit was applied at issue; absent in emails queued before it existed. */
    outstanding: money.optional(),
    currency: z.string().length(3),
    dueDate: z.string().min(10),
  }),
  strings: {
    ru: {
      subject: 'Счёт {number} на {total}',
      heading: 'Новый счёт',
      body: 'Мы выставили счёт за выполненные заказы за неделю.',
      number: 'Счёт',
      period: 'Период',
      total: 'Сумма',
      paidFromCredit: 'Оплачено с баланса',
      toPay: 'К оплате',
      due: 'Оплатить до',
      action: 'Посмотреть и оплатить',
    },
    en: {
      subject: 'Invoice {number} for {total}',
      heading: 'New invoice',
      body: 'Here is the invoice for the orders completed during the week.',
      number: 'Invoice',
      period: 'Period',
      total: 'Amount',
      paidFromCredit: 'Paid from your credit',
      toPay: 'To pay',
      due: 'Due by',
      action: 'View and pay',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { number: d.number, total: amount(d.total, d.currency, ctx) }),
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.body} heading={t.heading}>
      <P>{t.body}</P>
      <Facts
        rows={[
          [t.number, data.number],
          [t.period, `${day(data.periodFrom, ctx)} — ${day(data.periodTo, ctx)}`],
          [t.total, amount(data.total, data.currency, ctx)],
          ...(data.outstanding !== undefined && data.outstanding < data.total
            ? ([
                [t.paidFromCredit, amount(data.total - data.outstanding, data.currency, ctx)],
                [t.toPay, amount(data.outstanding, data.currency, ctx)],
              ] satisfies [string, string][])
            : []),
          [t.due, day(data.dueDate, ctx)],
        ]}
      />
      <Action ctx={ctx} path={`/invoices/${data.invoiceId}`} label={t.action} />
    </EmailLayout>
  ),
  sample: {
    invoiceId: '00000000-0000-4000-8000-000000000002',
    number: 'INV-2026-000042',
    periodFrom: '2026-11-16',
    periodTo: '2026-11-22',
    total: 1188000,
    currency: 'RUB',
    dueDate: '2026-11-30',
  },
});
