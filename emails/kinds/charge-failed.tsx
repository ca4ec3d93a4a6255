import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, Facts, P } from '../components/layout';
import { amount } from '../format';

/** A saved card could not be charged (declined, or the bank wants the client to confirm): pay by hand. */
export const chargeFailed = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    invoiceId: z.string().min(1),
    number: z.string().min(1),
    outstanding: money,
    currency: z.string().length(3),
    last4: z.string().min(1),
    reason: z.enum(['declined', 'authentication_required']),
  }),
  strings: {
    ru: {
      subject: 'Не удалось списать оплату по счёту {number}',
      heading: 'Оплата не прошла',
      declined: 'Банк отклонил списание {outstanding} с карты •••• {last4} по счёту {number}.',
      authentication_required:
        'Банк просит вас подтвердить списание {outstanding} с карты •••• {last4} по счёту {number}.',
      after: 'Счёт остаётся открытым. Оплатите его, пожалуйста, по ссылке ниже.',
      action: 'Оплатить счёт',
    },
    en: {
      subject: 'We could not charge your card for invoice {number}',
      heading: 'Payment did not go through',
      declined: 'Your bank declined the charge of {outstanding} to the card •••• {last4} for invoice {number}.',
      authentication_required:
        'Your bank wants you to confirm the charge of {outstanding} to the card •••• {last4} for invoice {number}.',
      after: 'The invoice stays open. Please pay it with the link below.',
      action: 'Pay the invoice',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t[data.reason], {
      number: data.number,
      last4: data.last4,
      outstanding: amount(data.outstanding, data.currency, ctx),
    });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <P>{t.after}</P>
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
    last4: '4242',
    reason: 'declined',
  },
});
