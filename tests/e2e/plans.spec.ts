import { expect, test } from '@playwright/test';
import { demo, expectAccessible, field, signIn, signOut, signUpClient, workdayAhead } from './helpers';

test('a client books a cleaning every 2 weeks, sees the visits 14 days apart, skips one and the other stays', async ({
  page,
}) => {
  // A booking through the form, a skip, the manager's pause and the mailbox: beyond a minute on a loaded machine.
  test.setTimeout(120_000);
  const main = page.locator('main');
  const email = await signUpClient(page, { name: 'Регина Регулярная' });
  await page.goto('/services');
  await page.getByTestId('service-regular').getByRole('link', { name: 'Заказать' }).click();
  await field(page, 'Площадь, м²', 'Area, m²').fill('45');
  await field(page, 'Район', 'District').selectOption({ label: 'Центр' });
  await field(page, 'Адрес', 'Address').fill('ул. Постоянная, 14');
  const first = workdayAhead(3);
  const plus = (d: string, n: number) =>
    new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  const pause = { from: plus(first, 28), until: plus(first, 34) };
  await field(page, 'Дата', 'Date').fill(first);
  await field(page, 'Время начала', 'Start time').fill('11:00');
  await field(page, 'Как часто', 'How often').selectOption('w2');
  // The estimate is per visit, with the fortnightly discount as its own line.
  await expect(page.getByTestId('estimate')).toContainText('Скидка за регулярную уборку');
  await page.getByRole('button', { name: 'Заказать' }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(main.getByTestId('plan-schedule')).toContainText('Раз в 2 недели');
  await expectAccessible(page);

  const visits = main.getByTestId('plan-upcoming').getByTestId('plan-visit');
  await expect(visits).toHaveCount(2);
  const dates = await visits.locator('a').allTextContents();
  const dayOf = (s: string) => Number(s.match(/(\d{1,2}) /)?.[1]);
  // Two weeks apart, same weekday and time.
  expect(dates[0]).toContain('11:00');
  expect(dates[1]).toContain('11:00');
  expect(dates[0].split(',')[0]).toBe(dates[1].split(',')[0]);
  expect(dayOf(dates[0])).not.toBe(dayOf(dates[1]));

  // Skip the second visit: it is an ordinary order, cancelled on its own page (free, days ahead).
  await visits.nth(1).locator('a').click();
  await expect(main.getByTestId('order-plan')).toBeVisible();
  await main.getByRole('button', { name: 'Отменить заказ' }).click();
  await main.getByLabel('Причина').selectOption('plans_changed');
  await main.getByRole('button', { name: 'Подтвердить отмену' }).click();
  await expect(main.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled');
  await main.getByRole('link', { name: 'Открыть план' }).click();
  const after = main.getByTestId('plan-upcoming').getByTestId('plan-visit');
  await expect(after.nth(0).locator('[data-status]')).not.toHaveAttribute('data-status', 'cancelled');
  await expect(after.nth(1).locator('[data-status]')).toHaveAttribute('data-status', 'cancelled');

  // The plan is on the order history page too.
  await page.goto('/orders');
  await expect(main.getByTestId('my-plans')).toContainText('Раз в 2 недели');

  // A manager pauses the plan on the client's behalf; the client gets the email.
  await signOut(page);
  await signIn(page, demo.manager);
  await page.goto('/admin/plans?q=' + encodeURIComponent('ул. Постоянная, 14'));
  await main.getByTestId('staff-plans').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/admin\/plans\/[0-9a-f-]{36}$/);
  const staffPlan = page.url();
  await expectAccessible(page);
  await main.getByRole('button', { name: 'Поставить на паузу' }).click();
  await main.getByLabel('С', { exact: true }).fill(pause.from);
  await main.getByLabel('По', { exact: true }).fill(pause.until);
  await main.getByRole('button', { name: 'Поставить на паузу' }).last().click();
  await expect(main.getByTestId('plan-status')).toContainText('Пауза с');
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await expect(page.getByTestId('mailbox-email').first()).toHaveAttribute('data-kind', 'plan_changed');
  await expect(page.getByTestId('mailbox-email').first()).toContainText('Регулярная уборка на паузе');

  // The manager changes the plan from a date: a larger flat. The estimate beside the form is the new
  // per-visit price with the fortnightly discount line; the change opens the new plan, and the client is told.
  await page.goto(staffPlan);
  await main.getByRole('button', { name: 'Изменить с даты' }).click();
  const change = main.getByTestId('plan-change');
  await change.getByLabel('Первый визит по новому расписанию').fill(first);
  await change.getByLabel('Площадь, м²').fill('60');
  await expect(main.getByTestId('plan-change-estimate')).toContainText('Скидка за регулярную уборку');
  await expectAccessible(page);
  await change.getByRole('button', { name: 'Изменить план' }).click();
  await expect(main.getByRole('link', { name: '← Прежний план' })).toBeVisible();
  await expect(main.getByTestId('plan-status')).toContainText('Пауза с');
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  // Matching emails about the new visits may come after it: look for the plan email among them.
  await expect(
    page.getByTestId('mailbox-email').filter({ hasText: 'Регулярная уборка изменена' }).first(),
  ).toHaveAttribute('data-kind', 'plan_changed');
});
