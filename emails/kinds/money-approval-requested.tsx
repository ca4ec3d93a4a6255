import { z } from 'zod';
import { defineKind, fmt, money } from '../define';
import { Action, EmailLayout, Facts, P } from '../components/layout';
import { amount } from '../format';

/** To admins: a manager's bonus, write-off or bank transfer above the approval threshold waits for a decision. */
export const moneyApprovalRequested = defineKind({
  essential: false,
  audience: 'manager',
  schema: z.object({
    approvalId: z.string(),
    kind: z.enum(['bonus', 'write_off', 'bank_transfer']),
    amount: money,
    currency: z.string().length(3),
    requestedByName: z.string(),
    subjectName: z.string(),
    detail: z.string(),
  }),
  strings: {
    ru: {
      subject: 'Нужно одобрение: {what} на {amount}',
      heading: 'Запрос на одобрение',
      body: '{name} внёс(ла) {what} на {amount}. Пока администратор не одобрит, ничего не проведено.',
      bonus: 'премию',
      write_off: 'списание долга',
      bank_transfer: 'банковский перевод',
      who: 'Кому / от кого',
      detail: 'Основание',
      action: 'Рассмотреть',
    },
    en: {
      subject: 'Approval needed: {what} of {amount}',
      heading: 'A request waits for approval',
      body: '{name} entered {what} of {amount}. Nothing is posted until an admin approves it.',
      bonus: 'a bonus',
      write_off: 'a debt write-off',
      bank_transfer: 'a bank transfer',
      who: 'Worker / client',
      detail: 'Reason or reference',
      action: 'Review',
    },
  },
  subject: (d, t, ctx) => fmt(t.subject, { what: t[d.kind], amount: amount(d.amount, d.currency, ctx) }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, {
      name: data.requestedByName,
      what: t[data.kind],
      amount: amount(data.amount, data.currency, ctx),
    });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <Facts
          rows={[
            [t.who, data.subjectName],
            [t.detail, data.detail],
          ]}
        />
        <Action ctx={ctx} path="/admin/finance/approvals?status=pending" label={t.action} />
      </EmailLayout>
    );
  },
  sample: {
    approvalId: '00000000-0000-4000-8000-000000000009',
    kind: 'bonus',
    amount: 1500000,
    currency: 'RUB',
    requestedByName: 'Мария Менеджерова',
    subjectName: 'Анна Смирнова',
    detail: 'Отличные отзывы за квартал',
  },
});
