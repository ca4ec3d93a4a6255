import { z } from 'zod';
import { defineKind, fmt, isoInstant } from '../define';
import { Action, EmailLayout, P } from '../components/layout';
import { when } from '../format';

export const invite = defineKind({
  essential: true,
  audience: 'anyone',
  schema: z.object({
    path: z.string().startsWith('/'),
    role: z.enum(['client', 'worker', 'manager', 'admin']),
    expiresAt: isoInstant,
  }),
  strings: {
    ru: {
      subject: 'Приглашение в {company}',
      heading: 'Вас пригласили в команду',
      worker: 'исполнителя',
      manager: 'менеджера',
      admin: 'администратора',
      client: 'клиента',
      body: 'Вас пригласили в {company} в роли {role}. Придумайте пароль по ссылке ниже — она действует до {until}.',
      action: 'Принять приглашение',
    },
    en: {
      subject: 'Your invitation to {company}',
      heading: 'You are invited to the team',
      worker: 'a cleaner',
      manager: 'a manager',
      admin: 'an administrator',
      client: 'a client',
      body: 'You are invited to {company} as {role}. Set your password with the link below — it is valid until {until}.',
      action: 'Accept the invitation',
    },
  },
  subject: (_d, t, ctx) => fmt(t.subject, { company: ctx.companyName }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { company: ctx.companyName, role: t[data.role], until: when(data.expiresAt, ctx) });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <Action ctx={ctx} path={data.path} label={t.action} />
      </EmailLayout>
    );
  },
  sample: { path: '/invite/sample-token', role: 'worker', expiresAt: '2026-12-02T09:00:00.000Z' },
  secrets: ['path'],
});
