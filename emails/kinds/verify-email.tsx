import { z } from 'zod';
import { defineKind, fmt, isoInstant } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { when } from '../format';

/** The link that confirms a new client's email (lib/auth startEmailVerification). Essential: it unlocks booking. */
export const verifyEmail = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({ path: z.string().startsWith('/verify-email/'), expiresAt: isoInstant }),
  strings: {
    ru: {
      subject: 'Подтвердите email в {company}',
      heading: 'Подтвердите адрес',
      body: 'Чтобы мы могли присылать вам счета и новости о заказах, подтвердите, что этот адрес ваш. Ссылка действует до {until}.',
      limit: 'Пока адрес не подтверждён, можно держать не больше трёх открытых заказов.',
      ignore: 'Если вы не регистрировались, просто не обращайте внимания на это письмо.',
      action: 'Подтвердить email',
    },
    en: {
      subject: 'Confirm your email at {company}',
      heading: 'Confirm your address',
      body: 'So that invoices and order news reach you, confirm this address is yours. The link is valid until {until}.',
      limit: 'Until the address is confirmed you can have at most three open orders.',
      ignore: 'If you did not sign up, ignore this email.',
      action: 'Confirm email',
    },
  },
  subject: (_d, t, ctx) => fmt(t.subject, { company: ctx.companyName }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { until: when(data.expiresAt, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <Action ctx={ctx} path={data.path} label={t.action} />
        <P>{t.limit}</P>
        <P>{t.ignore}</P>
      </EmailLayout>
    );
  },
  sample: { path: '/verify-email/sample-token', expiresAt: '2026-12-02T09:00:00.000Z' },
  secrets: ['path'],
});
