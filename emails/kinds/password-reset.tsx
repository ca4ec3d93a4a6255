import { z } from 'zod';
import { defineKind, fmt, isoInstant } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { when } from '../format';

/** The "forgot password" link (lib/auth requestPasswordReset). Essential: an opt-out must never lock anyone out. */
export const passwordReset = defineKind({
  essential: true,
  audience: 'anyone',
  schema: z.object({ path: z.string().startsWith('/reset-password/'), expiresAt: isoInstant }),
  strings: {
    ru: {
      subject: 'Сброс пароля в {company}',
      heading: 'Новый пароль',
      body: 'Мы получили запрос на сброс пароля для вашей учётной записи. Задайте новый пароль по ссылке ниже — она действует до {until} и только один раз.',
      ignore: 'Если вы не запрашивали сброс, просто не обращайте внимания на это письмо: пароль останется прежним.',
      action: 'Задать новый пароль',
    },
    en: {
      subject: 'Reset your {company} password',
      heading: 'A new password',
      body: 'We received a request to reset the password of your account. Set a new password with the link below — it works once and is valid until {until}.',
      ignore: 'If you did not ask for this, ignore this email: your password stays as it is.',
      action: 'Set a new password',
    },
  },
  subject: (_d, t, ctx) => fmt(t.subject, { company: ctx.companyName }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { until: when(data.expiresAt, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <Action ctx={ctx} path={data.path} label={t.action} />
        <P>{t.ignore}</P>
      </EmailLayout>
    );
  },
  sample: { path: '/reset-password/sample-token', expiresAt: '2026-12-02T09:00:00.000Z' },
  secrets: ['path'],
});
