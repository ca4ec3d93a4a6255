import { expect, test, type Page } from '@playwright/test';
import { demo, demoWorkerEmail, field, orderRegularCleaning, signIn, signOut, signUpClient } from './helpers';

/** The Sunday of next week in Moscow: demo workers work Monday to Saturday, so the order stays pending. */
function nextWeekSunday(): string {
  for (let days = 7; days < 14; days++) {
    const d = new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000);
    if (d.getUTCDay() === 0) return d.toISOString().slice(0, 10);
  }
  throw new Error('unreachable');
}

async function orderDeepCleaning(page: Page, address: string): Promise<string> {
  await page.goto('/services');
  await page.getByTestId('service-deep').getByRole('link', { name: 'Заказать' }).click();
  await field(page, 'Площадь, м²', 'Area, m²').fill('60');
  await field(page, 'Район', 'District').selectOption({ label: 'Центр' });
  await field(page, 'Адрес', 'Address').fill(address);
  await field(page, 'Дата', 'Date').fill(nextWeekSunday());
  await field(page, 'Время начала', 'Start time').fill('10:00');
  await page.getByRole('button', { name: 'Заказать' }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const number = (await page.locator('main').getByRole('heading', { level: 1 }).textContent())?.match(
    /BR-\d{4}-\d{6}/,
  )?.[0];
  expect(number).toBeTruthy();
  return number!;
}

/** The mailbox filtered to one address, newest first. */
async function mailboxFor(page: Page, email: string) {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  return page.getByTestId('mailbox-email');
}

test('a client’s sign-up, order and cancellation produce the expected emails in /dev/mailbox, and admins see them in the outbox', async ({
  page,
}) => {
  const email = await signUpClient(page, { name: 'Вера Письмова' });
  const emails = await mailboxFor(page, email);
  await expect(emails).toHaveCount(1);
  await expect(emails.first()).toHaveAttribute('data-kind', 'welcome');
  await expect(emails.first()).toContainText('Добро пожаловать в Чистый дом');

  const number = await orderDeepCleaning(page, 'ул. Покровка, д. 5, кв. 8');
  const main = page.locator('main');
  await main.getByRole('button', { name: 'Отменить заказ' }).click();
  await field(page, 'Причина', 'Reason').selectOption({ label: 'Изменились планы' });
  await main.getByRole('button', { name: 'Подтвердить отмену' }).click();
  await expect(main.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled');

  await mailboxFor(page, email);
  // Newest first: cancelled, received, welcome — one of each, in the client's language (Russian).
  await expect(emails).toHaveCount(3);
  expect(await emails.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual([
    'order_cancelled',
    'order_received',
    'welcome',
  ]);
  await expect(emails.nth(0)).toContainText(`Заказ ${number} отменён`);
  await expect(emails.nth(1)).toContainText(`Заказ ${number} принят`);

  // The email itself, rendered in a sandboxed frame: the order's facts and a link back to the order.
  await emails.nth(1).getByRole('link').click();
  await expect(page.getByTestId('email-subject')).toHaveText(`Заказ ${number} принят`);
  const frame = page.frameLocator('[data-testid="email-frame"]');
  await expect(frame.getByText('ул. Покровка, д. 5, кв. 8')).toBeVisible();
  await expect(frame.getByText('Генеральная уборка')).toBeVisible();
  await expect(frame.getByRole('link', { name: 'Открыть заказ' })).toHaveAttribute('href', /\/orders\/[0-9a-f-]{36}$/);
  await page.getByText('Текстовая версия').click();
  await expect(page.getByTestId('email-text')).toContainText('Предварительная стоимость');

  // The mailbox is outside the portal: sign out from the client's pages.
  await page.goto('/orders');
  await signOut(page);
  await signIn(page, demo.admin);
  await page.goto(`/admin/outbox?q=${encodeURIComponent(email)}`);
  const rows = page.locator('main [data-testid^="outbox-"]').filter({ hasText: email });
  await expect(rows).toHaveCount(3);
  await rows.filter({ hasText: 'order_cancelled' }).getByRole('link').click();
  await expect(page.locator('main')).toContainText(`Заказ ${number} отменён`);
  await expect(page.getByTestId('attempts')).toContainText('mailbox');
  await expect(page.locator('main [data-status="sent"]')).toBeVisible();
});

test('a matched order emails the client the worker and final price, and the worker the task', async ({ page }) => {
  const email = await signUpClient(page, { name: 'Глеб Назначенов' });
  const { number } = await orderRegularCleaning(page, { area: '35', address: 'ул. Мясницкая, д. 11', time: '11:00' });

  // Matching runs right after the booking response; its emails go out right after that.
  const emails = page.getByTestId('mailbox-email');
  await expect
    .poll(
      async () => {
        await mailboxFor(page, email);
        return emails.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      },
      { timeout: 20_000 },
    )
    .toEqual(['worker_matched', 'order_received', 'welcome']);
  await expect(emails.first()).toContainText(`Исполнитель назначен: заказ ${number}`);
  await emails.first().getByRole('link').click();
  const frame = page.frameLocator('[data-testid="email-frame"]');
  await expect(frame.getByText('Итого')).toBeVisible();
  const body = (await frame.locator('body').textContent()) ?? '';
  const chosen = Object.keys(demoWorkerEmail).find((name) => body.includes(`Ваш заказ выполнит ${name}`));
  expect(chosen).toBeTruthy();

  const workerEmails = await mailboxFor(page, demoWorkerEmail[chosen!]);
  await expect(workerEmails.filter({ hasText: number! })).toHaveCount(1);
  await expect(workerEmails.filter({ hasText: number! })).toHaveAttribute('data-kind', 'task_assigned');
  await expect(workerEmails.filter({ hasText: number! })).toContainText('Новое задание');
});
