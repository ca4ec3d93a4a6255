import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, Facts, P } from '../components/layout';
import { amount, day } from '../format';

export const invoiceOverdue = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    invoiceId: z.string().min(1),
    number: z.string().min(1),
    outstanding: money,
    currency: z.string().length(3),
    dueDate: z.string().min(10),
  }),
  strings: {
    ru: {
      subject: 'Счёт {number} просрочен',
      heading: 'Напоминание об оплате',
      body: 'Срок оплаты счёта {number} истёк {due}. Пожалуйста, оплатите остаток — {outstanding}.',
      action: 'Оплатить счёт',
    },
    en: {
      subject: 'Invoice {number} is overdue',
      heading: 'Payment reminder',
      body: 'Invoice {number} was due on {due}. Please pay the outstanding {outstanding}.',
      action: 'Pay the invoice',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, {
      number: data.number,
      due: day(data.dueDate, ctx),
      outstanding: amount(data.outstanding, data.currency, ctx),
    });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <Facts rows={[[data.number, amount(data.outstanding, data.currency, ctx)]]} />
        <Action ctx={ctx} path={`/invoices/${data.invoiceId}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    invoiceId: '00000000-0000-4000-8000-000000000002',
    number: 'INV-2026-000042',
    outstanding: 1188000,
    currency: 'RUB',
    dueDate: '2026-11-30',
  },
});
