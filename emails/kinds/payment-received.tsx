import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { amount } from '../format';

export const paymentReceived = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    amount: money,
    currency: z.string().length(3),
    invoiceId: z.string().nullable(),
    invoiceNumber: z.string().nullable(),
  }),
  strings: {
    ru: {
      subject: 'Оплата {amount} получена',
      heading: 'Спасибо за оплату',
      body: 'Мы получили {amount}.',
      forInvoice: 'Платёж зачтён по счёту {number}.',
      action: 'Мои счета',
    },
    en: {
      subject: 'Payment of {amount} received',
      heading: 'Thank you for your payment',
      body: 'We have received {amount}.',
      forInvoice: 'It was applied to invoice {number}.',
      action: 'My invoices',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { amount: amount(d.amount, d.currency, ctx) }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { amount: amount(data.amount, data.currency, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        {data.invoiceNumber && <P>{fmt(t.forInvoice, { number: data.invoiceNumber })}</P>}
        <Action ctx={ctx} path={data.invoiceId ? `/invoices/${data.invoiceId}` : '/invoices'} label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    amount: 1188000,
    currency: 'RUB',
    invoiceId: '00000000-0000-4000-8000-000000000002',
    invoiceNumber: 'INV-2026-000042',
  },
});
