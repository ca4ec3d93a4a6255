import { createElement } from 'react';
import { render } from 'react-email';
import { describe, expect, it } from 'vitest';
import { kindDefinition, kinds, notificationKinds } from '@/emails/registry';
import { renderEmail } from '@/emails/render';
import type { EmailLocale } from '@/emails/define';

const locales: EmailLocale[] = ['ru', 'en'];
const ctx = (locale: EmailLocale) => ({
  locale,
  companyName: 'Чистый дом',
  appUrl: 'https://app.example',
  timeZone: 'Europe/Moscow',
  recipientName: 'Мария',
});

describe('the notification registry', () => {
  it('lists every kind the issue asks for (modules may add more)', () => {
    expect(notificationKinds).toEqual(
      expect.arrayContaining([
        'welcome',
        'order_received',
        'worker_matched',
        'work_started',
        'work_finished',
        'order_cancelled',
        'order_failed',
        'order_rescheduled',
        'invoice_issued',
        'invoice_overdue',
        'payment_received',
        'credit_note_issued',
        'invite',
        'task_assigned',
        'task_changed',
        'tomorrow_tasks',
        'adjustment_recorded',
        'payslip_issued',
        'order_unmatched',
        'order_failed_manager',
        'supplies_low',
        'money_approval_requested',
      ]),
    );
  });

  it('keeps assignments, invoices and money essential', () => {
    for (const kind of [
      'task_assigned',
      'task_changed',
      'worker_matched',
      'invoice_issued',
      'invoice_overdue',
      'payment_received',
      'credit_note_issued',
      'payslip_issued',
      'adjustment_recorded',
      'invite',
    ] as const) {
      expect(kinds[kind].essential, kind).toBe(true);
    }
  });

  for (const kind of notificationKinds) {
    it(`${kind}: the same strings in both languages, none empty`, () => {
      const { strings } = kindDefinition(kind);
      expect(Object.keys(strings.ru).sort()).toEqual(Object.keys(strings.en).sort());
      for (const locale of locales)
        for (const [key, value] of Object.entries(strings[locale]))
          expect(value.trim(), `${kind}.${locale}.${key}`).not.toBe('');
    });

    for (const locale of locales) {
      it(`${kind} renders in ${locale} with nothing missing`, async () => {
        const def = kindDefinition(kind);
        const email = await renderEmail(kind, def.sample, ctx(locale));
        for (const part of [email.subject, email.html, email.text]) {
          expect(part).not.toMatch(/\{\w+\}|undefined|NaN|\[object Object\]|Invalid Date/);
        }
        expect(email.subject.length).toBeGreaterThan(3);
        expect(email.html).toContain(`lang="${locale}"`);
        expect(email.text).toContain('Чистый дом');
        expect(email.text).toContain(locale === 'ru' ? 'Здравствуйте, Мария!' : 'Hello, Мария!');
        // Every email links back to the app.
        expect(email.html).toContain('https://app.example/');
        // The other language's strings do not leak in (the heading is a kind string).
        const other = locale === 'ru' ? 'en' : 'ru';
        const ownHeading = Object.values(def.strings[locale]).find((s) => !s.includes('{'));
        const otherHeading = Object.values(def.strings[other]).find((s) => !s.includes('{'));
        if (ownHeading && otherHeading && ownHeading !== otherHeading)
          expect(email.text).not.toContain(otherHeading.toUpperCase());
      });
    }
  }

  it('task_changed says system reason codes in words and never tells the worker a client blocked them', async () => {
    const sample = kinds.task_changed.sample;
    const deactivated = await renderEmail(
      'task_changed',
      { ...sample, change: 'unassigned', reason: 'worker_deactivated' },
      ctx('ru'),
    );
    expect(deactivated.text).toContain('Причина: ваш профиль исполнителя отключён');
    const blocked = await renderEmail(
      'task_changed',
      { ...sample, change: 'unassigned', reason: 'client_blocked_worker' },
      ctx('en'),
    );
    expect(blocked.text).toContain('The task was taken off your schedule');
    expect(blocked.text).not.toMatch(/client_blocked_worker|Reason:/);
    const typed = await renderEmail(
      'task_changed',
      { ...sample, change: 'unassigned', reason: 'Клиент попросил другого исполнителя' },
      ctx('ru'),
    );
    expect(typed.text).toContain('Причина: Клиент попросил другого исполнителя');
  });

  it('password_reset links to the reset page and says until when, in the company time zone', async () => {
    // Sample expiry 09:00 UTC = 12:00 in Moscow (UTC+3).
    for (const locale of locales) {
      const email = await renderEmail('password_reset', kinds.password_reset.sample, ctx(locale));
      expect(email.html).toContain('href="https://app.example/reset-password/sample-token"');
      expect(email.text).toContain('12:00');
    }
  });

  it("gives React Email's own rendering of every kind, less React's streaming comments (issue 17)", async () => {
    // renderEmail renders synchronously instead of through React Email's streaming render, for CPU; the
    // letters must stay what React Email makes of the same templates (escaping, attributes, the doctype).
    const noComments = (html: string) => html.replace(/<!--[^>]*-->/g, '');
    for (const kind of notificationKinds)
      for (const locale of locales) {
        const ours = await renderEmail(kind, kinds[kind].sample, { ...ctx(locale), recipientName: 'Мария <& "Ко">' });
        const theirs = await render(
          createElement(kindDefinition(kind).Email, {
            data: kindDefinition(kind).schema.parse(kinds[kind].sample),
            t: kindDefinition(kind).strings[locale],
            ctx: { ...ctx(locale), recipientName: 'Мария <& "Ко">' },
          }),
        );
        expect(ours.html.startsWith('<!DOCTYPE html PUBLIC'), kind).toBe(true);
        expect(ours.html, `${kind} ${locale}`).toBe(noComments(theirs));
      }
  });

  it('refuses data that does not fit the kind', async () => {
    await expect(renderEmail('worker_matched', { order: {} }, ctx('en'))).rejects.toMatchObject({
      name: 'ZodError',
      issues: expect.arrayContaining([expect.objectContaining({ path: ['order', 'number'] })]),
    });
  });
});
