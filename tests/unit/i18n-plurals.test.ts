import { describe, expect, it } from 'vitest';
import { createTranslator } from 'next-intl';
import { kindDefinition } from '@/emails/registry';
import { renderEmail } from '@/emails/render';
import type { EmailLocale } from '@/emails/define';
import { loadMessages } from '@/lib/i18n/messages';

// Russian has three count forms (1 заказ, 2 заказа, 5 заказов) and 21 takes the singular again; English two.
const counts = [1, 2, 5, 21] as const;

const ctx = (locale: EmailLocale) => ({
  locale,
  companyName: 'Чистый дом',
  appUrl: 'https://app.example',
  timeZone: 'Europe/Moscow',
  recipientName: 'Мария',
});

describe('emails print a count with the noun in its plural form', () => {
  const tomorrow = kindDefinition('tomorrow_tasks').sample as { date: string; tasks: unknown[] };
  const subjects = async (locale: EmailLocale) =>
    Promise.all(
      counts.map(async (n) => {
        const tasks = Array.from({ length: n }, () => tomorrow.tasks[0]);
        return (await renderEmail('tomorrow_tasks', { ...tomorrow, tasks }, ctx(locale))).subject;
      }),
    );

  it('in Russian', async () => {
    expect(await subjects('ru')).toEqual([
      'Задания на завтра: 1 заказ',
      'Задания на завтра: 2 заказа',
      'Задания на завтра: 5 заказов',
      'Задания на завтра: 21 заказ',
    ]);
    const unmatched = kindDefinition('order_unmatched').sample as object;
    const texts = await Promise.all(
      counts.map(
        async (hoursToStart) => (await renderEmail('order_unmatched', { ...unmatched, hoursToStart }, ctx('ru'))).text,
      ),
    );
    // "около" takes the genitive: около 1 часа, 2 часов, 5 часов, 21 часа.
    expect(texts.map((t) => /около (\d+ \S+),/.exec(t)?.[1])).toEqual(['1 часа', '2 часов', '5 часов', '21 часа']);
    const supplies = kindDefinition('supplies_low').sample as { items: unknown[] };
    const low = await Promise.all(
      counts.map(async (n) => {
        const items = Array.from({ length: n }, () => supplies.items[0]);
        return (await renderEmail('supplies_low', { items }, ctx('ru'))).subject;
      }),
    );
    expect(low.map((s) => s.split(': ')[1])).toEqual(['1 позиция', '2 позиции', '5 позиций', '21 позиция']);
    const assigned = kindDefinition('task_assigned').sample as { scope: object };
    const sizes = await Promise.all(
      counts.map(async (rooms) => {
        const data = { ...assigned, scope: { ...assigned.scope, rooms, bathrooms: undefined } };
        return /Объём: ([^.]+)\./.exec((await renderEmail('task_assigned', data, ctx('ru'))).text)?.[1];
      }),
    );
    expect(sizes).toEqual(['85 м², 1 комната', '85 м², 2 комнаты', '85 м², 5 комнат', '85 м², 21 комната']);
  });

  it('in English', async () => {
    expect(await subjects('en')).toEqual([
      'Tomorrow’s tasks: 1 order',
      'Tomorrow’s tasks: 2 orders',
      'Tomorrow’s tasks: 5 orders',
      'Tomorrow’s tasks: 21 orders',
    ]);
    const unmatched = kindDefinition('order_unmatched').sample as object;
    const texts = await Promise.all(
      counts.map(
        async (hoursToStart) => (await renderEmail('order_unmatched', { ...unmatched, hoursToStart }, ctx('en'))).text,
      ),
    );
    expect(texts.map((t) => /about (\d+ \w+)/.exec(t)?.[1])).toEqual(['1 hour', '2 hours', '5 hours', '21 hours']);
  });
});

describe('pages print a count with the noun in its plural form', () => {
  const render = async (locale: 'ru' | 'en', key: string, values: (n: number) => Record<string, string | number>) => {
    const t = createTranslator({ locale, messages: await loadMessages(locale) });
    // The keys are checked against the message files by the expectations below, not by the compiler.
    const translate = t as unknown as (key: string, values: Record<string, string | number>) => string;
    return counts.map((n) => translate(key, values(n)));
  };

  it('in Russian', async () => {
    expect(await render('ru', 'quality.dashboard.today', (count) => ({ count, date: '5 декабря' }))).toEqual([
      'Сегодня, 5 декабря: 1 заказ',
      'Сегодня, 5 декабря: 2 заказа',
      'Сегодня, 5 декабря: 5 заказов',
      'Сегодня, 5 декабря: 21 заказ',
    ]);
    expect(await render('ru', 'billing.payroll.payouts', (count) => ({ count, total: '10 ₽' }))).toEqual([
      '1 выплата на 10 ₽',
      '2 выплаты на 10 ₽',
      '5 выплат на 10 ₽',
      '21 выплата на 10 ₽',
    ]);
    expect(await render('ru', 'quality.order.late', (minutes) => ({ minutes }))).toEqual([
      'опоздание на 1 минуту',
      'опоздание на 2 минуты',
      'опоздание на 5 минут',
      'опоздание на 21 минуту',
    ]);
    expect(await render('ru', 'admin.inviteCreated', (days) => ({ days, email: 'a@b.c' }))).toEqual(
      ['1 день', '2 дня', '5 дней', '21 день'].map(
        (d) => `Приглашение для a@b.c создано. Отправьте эту ссылку (действует ${d}):`,
      ),
    );
    expect(await render('ru', 'workers.scope.rooms', (n) => ({ n }))).toEqual([
      '1 комната',
      '2 комнаты',
      '5 комнат',
      '21 комната',
    ]);
    expect(await render('ru', 'matching.facts.weekHours', (hours) => ({ hours }))).toEqual([
      '1 час на этой неделе',
      '2 часа на этой неделе',
      '5 часов на этой неделе',
      '21 час на этой неделе',
    ]);
  });

  it('in English', async () => {
    expect(await render('en', 'quality.dashboard.today', (count) => ({ count, date: '5 December' }))).toEqual([
      'Today, 5 December: 1 order',
      'Today, 5 December: 2 orders',
      'Today, 5 December: 5 orders',
      'Today, 5 December: 21 orders',
    ]);
    expect(await render('en', 'billing.admin.count', (count) => ({ count, total: '£1', outstanding: '£0' }))).toEqual(
      ['1 invoice', '2 invoices', '5 invoices', '21 invoices'].map((n) => `${n}, £1 in total, £0 outstanding`),
    );
    expect(await render('en', 'orders.terms.grace', (minutes) => ({ minutes }))).toEqual(
      ['1 minute', '2 minutes', '5 minutes', '21 minutes'].map((m) => `free in any case within ${m} after booking`),
    );
  });
});
