import { z } from 'zod';
import { defineKind } from '../define';
import { Action, EmailLayout, P } from '../components/layout';

// A manager's own email to a client about an order (the contact log, lib/quality): free text, so the
// subject and body come in the data as the manager wrote them. Added by lib/quality (engineer G).
export const managerMessage = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    subject: z.string().min(1).max(200),
    body: z.string().min(1).max(5000),
    orderId: z.string().nullable(),
    orderNumber: z.string().nullable(),
  }),
  strings: {
    ru: { action: 'Открыть заказ' },
    en: { action: 'Open the order' },
  },
  subject: (d) => d.subject,
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={data.body.slice(0, 120)} heading={data.subject}>
      {data.body.split(/\n{2,}/).map((para, i) => (
        <P key={i}>{para}</P>
      ))}
      {data.orderId ? <Action ctx={ctx} path={`/orders/${data.orderId}`} label={t.action} /> : null}
    </EmailLayout>
  ),
  sample: {
    subject: 'Заказ BR-2026-000123: повторная уборка',
    body: 'Здравствуйте! Мы запланировали бесплатную повторную уборку.\n\nМенеджер «Чистый дом»',
    orderId: '00000000-0000-0000-0000-000000000000',
    orderNumber: 'BR-2026-000123',
  },
});
