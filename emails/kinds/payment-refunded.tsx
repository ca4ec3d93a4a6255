import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { amount } from '../format';

/** Money given back on a payment (an admin's refund, or one made at the provider). */
export const paymentRefunded = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    amount: money,
    currency: z.string().length(3),
    invoiceId: z.string().min(1),
    invoiceNumber: z.string().min(1),
  }),
  strings: {
    ru: {
      subject: 'Возврат {amount} по счёту {number}',
      heading: 'Мы вернули вам деньги',
      body: 'Мы вернули {amount} по счёту {number}.',
      when: 'Деньги придут тем же способом, которым вы платили; банку может понадобиться несколько дней.',
      action: 'Открыть счёт',
    },
    en: {
      subject: 'Refund of {amount} on invoice {number}',
      heading: 'We have refunded you',
      body: 'We have refunded {amount} on invoice {number}.',
      when: 'The money goes back the way you paid; your bank may take a few days to show it.',
      action: 'View the invoice',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { amount: amount(d.amount, d.currency, ctx), number: d.invoiceNumber }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { amount: amount(data.amount, data.currency, ctx), number: data.invoiceNumber });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <P>{t.when}</P>
        <Action ctx={ctx} path={`/invoices/${data.invoiceId}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    amount: 250000,
    currency: 'RUB',
    invoiceId: '00000000-0000-4000-8000-000000000002',
    invoiceNumber: 'INV-2026-000042',
  },
});
