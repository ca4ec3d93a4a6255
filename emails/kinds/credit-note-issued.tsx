import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, Facts, P } from '../components/layout';
import { amount } from '../format';

export const creditNoteIssued = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    creditNoteId: z.string().min(1),
    number: z.string().min(1),
    invoiceId: z.string().min(1),
    invoiceNumber: z.string().min(1),
    amount: money,
    /** The part already paid, now held as the client's credit. */
    toCredit: money,
    /** What the invoice still asks for after the note. */
    due: money,
    currency: z.string().length(3),
  }),
  strings: {
    ru: {
      subject: 'Кредит-нота {number} к счёту {invoice}',
      heading: 'Сумма счёта уменьшена',
      body: 'Мы выпустили кредит-ноту {number} на {amount}: счёт {invoice} уменьшен на эту сумму.',
      toCredit: 'Из неё {credit} вы уже оплатили — эта сумма зачтена вам в аванс.',
      due: 'К оплате по счёту',
      action: 'Открыть счёт',
    },
    en: {
      subject: 'Credit note {number} for invoice {invoice}',
      heading: 'Your invoice was reduced',
      body: 'We have issued credit note {number} for {amount}: invoice {invoice} is reduced by this amount.',
      toCredit: 'You had already paid {credit} of it; that amount is now held as your credit.',
      due: 'Still due on the invoice',
      action: 'Open the invoice',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.number, invoice: d.invoiceNumber }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, {
      number: data.number,
      amount: amount(data.amount, data.currency, ctx),
      invoice: data.invoiceNumber,
    });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        {data.toCredit > 0 ? <P>{fmt(t.toCredit, { credit: amount(data.toCredit, data.currency, ctx) })}</P> : null}
        <Facts rows={[[t.due, amount(data.due, data.currency, ctx)]]} />
        <Action ctx={ctx} path={`/invoices/${data.invoiceId}`} label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    creditNoteId: '00000000-0000-4000-8000-000000000003',
    number: 'CN-2026-000001',
    invoiceId: '00000000-0000-4000-8000-000000000002',
    invoiceNumber: 'INV-2026-000042',
    amount: 324000,
    toCredit: 0,
    due: 324000,
    currency: 'RUB',
  },
});
