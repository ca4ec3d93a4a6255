import { z } from 'zod';
import { defineKind, fmt, isoInstant } from '../define';
import { when } from '../format';
import { Action, EmailLayout, P } from '../components/layout';

/**
 * Sent at sign-up, with the link that confirms the address (lib/auth startEmailVerification), so a new client
 * gets one email. Not essential, like any tips, but a new account has no opt-outs yet, so it always goes.
 */
export const welcome = defineKind({
  essential: false,
  audience: 'client',
  schema: z.object({
    verifyPath: z.string().startsWith('/verify-email/').optional(),
    verifyUntil: isoInstant.optional(),
  }),
  strings: {
    ru: {
      subject: 'Добро пожаловать в {company}',
      heading: 'Вы зарегистрированы',
      body: 'Теперь вы можете заказать уборку за пару минут: выберите услугу, время и адрес — мы подберём исполнителя и сообщим цену.',
      action: 'Заказать уборку',
      verify:
        'Подтвердите, что этот адрес ваш: пока он не подтверждён, открытых заказов может быть не больше трёх. Ссылка действует до {until}.',
      verifyAction: 'Подтвердить email',
    },
    en: {
      subject: 'Welcome to {company}',
      heading: 'You are signed up',
      body: 'You can now order a cleaning in a couple of minutes: choose the service, time and address — we will match a cleaner and tell you the price.',
      action: 'Order a cleaning',
      verify:
        'Please confirm this address is yours: until it is confirmed you can have at most three open orders. The link is valid until {until}.',
      verifyAction: 'Confirm email',
    },
  },
  subject: (_data, t, ctx) => t.subject.replace('{company}', ctx.companyName),
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.body} heading={t.heading}>
      <P>{t.body}</P>
      {data.verifyPath && data.verifyUntil ? (
        <>
          <P>{fmt(t.verify, { until: when(data.verifyUntil, ctx) })}</P>
          <Action ctx={ctx} path={data.verifyPath} label={t.verifyAction} />
        </>
      ) : null}
      <Action ctx={ctx} path="/services" label={t.action} />
    </EmailLayout>
  ),
  sample: { verifyPath: '/verify-email/sample-token', verifyUntil: '2026-12-09T09:00:00.000Z' },
  secrets: ['verifyPath'],
});
