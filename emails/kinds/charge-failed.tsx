import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, Facts, P } from '../components/layout';
import { amount } from '../format';

/**
 * A saved card could not be charged (declined, or the bank wants the client to confirm): pay the invoice by hand;
 * for a visit charged on its own (per-visit charging, orderId), the visit is billed on the weekly invoice.
 */
export const chargeFailed = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    invoiceId: z.string().min(1).optional(),
    orderId: z.string().min(1).optional(),
    /** The invoice's number, or the visit's (order) number. */
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
      visitSubject: 'Не удалось списать оплату за заказ {number}',
      visitDeclined: 'Банк отклонил списание {outstanding} с карты •••• {last4} за заказ {number}.',
      visitAuthentication_required:
        'Банк просит вас подтвердить списание {outstanding} с карты •••• {last4} за заказ {number}.',
      visitAfter:
        'Заказ войдёт в еженедельный счёт, который можно оплатить вручную. Карту можно заменить на странице оплаты.',
      visitAction: 'Открыть оплату',
    },
    en: {
      subject: 'We could not charge your card for invoice {number}',
      heading: 'Payment did not go through',
      declined: 'Your bank declined the charge of {outstanding} to the card •••• {last4} for invoice {number}.',
      authentication_required:
        'Your bank wants you to confirm the charge of {outstanding} to the card •••• {last4} for invoice {number}.',
      after: 'The invoice stays open. Please pay it with the link below.',
      action: 'Pay the invoice',
      visitSubject: 'We could not charge your card for order {number}',
      visitDeclined: 'Your bank declined the charge of {outstanding} to the card •••• {last4} for order {number}.',
      visitAuthentication_required:
        'Your bank wants you to confirm the charge of {outstanding} to the card •••• {last4} for order {number}.',
      visitAfter:
        'The order will be on your weekly invoice, which you can pay by hand. You can change your card on the billing page.',
      visitAction: 'Open billing',
    },
  },
  subject: (d, t) => fmt(d.invoiceId ? t.subject : t.visitSubject, { number: d.number }),
  Email: ({ data, t, ctx }) => {
    const visit = !data.invoiceId;
    const reason = visit
      ? data.reason === 'declined'
        ? t.visitDeclined
        : t.visitAuthentication_required
      : t[data.reason];
    const body = fmt(reason, {
      number: data.number,
      last4: data.last4,
      outstanding: amount(data.outstanding, data.currency, ctx),
    });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <P>{visit ? t.visitAfter : t.after}</P>
        <Facts rows={[[data.number, amount(data.outstanding, data.currency, ctx)]]} />
        <Action
          ctx={ctx}
          path={visit ? '/billing' : `/invoices/${data.invoiceId}`}
          label={visit ? t.visitAction : t.action}
        />
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
