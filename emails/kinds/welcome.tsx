import { z } from 'zod';
import { defineKind } from '../define';
import { Action, EmailLayout, P } from '../components/layout';

export const welcome = defineKind({
  essential: false,
  audience: 'client',
  schema: z.object({}),
  strings: {
    ru: {
      subject: 'Добро пожаловать в {company}',
      heading: 'Вы зарегистрированы',
      body: 'Теперь вы можете заказать уборку за пару минут: выберите услугу, время и адрес — мы подберём исполнителя и сообщим цену.',
      action: 'Заказать уборку',
    },
    en: {
      subject: 'Welcome to {company}',
      heading: 'You are signed up',
      body: 'You can now order a cleaning in a couple of minutes: choose the service, time and address — we will match a cleaner and tell you the price.',
      action: 'Order a cleaning',
    },
  },
  subject: (_data, t, ctx) => t.subject.replace('{company}', ctx.companyName),
  Email: ({ t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.body} heading={t.heading}>
      <P>{t.body}</P>
      <Action ctx={ctx} path="/services" label={t.action} />
    </EmailLayout>
  ),
  sample: {},
});
