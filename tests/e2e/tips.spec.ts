import { expect, test } from '@playwright/test';
import { demo, demoWorkerEmail, expectAccessible, signIn, signOut } from './helpers';

const noSidewaysScroll = async (page: import('@playwright/test').Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

// The demo client has visits finished by the demo workers (lib/demo). On a phone, they tip the worker of one with
// their own amount on the next invoice; the worker then finds the tip in their earnings.
test('a client tips the worker of a completed visit, and the worker sees it in their earnings', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, demo.client);
  await page.goto('/orders?tab=completed');
  const main = page.locator('main');
  await main.getByTestId('order-list').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(main.getByTestId('order-status')).toHaveText(/Выполнен|Completed/);
  const firstName = (await main.getByTestId('order-worker').textContent())!.trim();
  const workerEmail = Object.entries(demoWorkerEmail).find(([name]) => name.startsWith(`${firstName} `))![1];

  const form = main.getByTestId('tip-form');
  await expect(form).toBeVisible();
  await expectAccessible(page);
  await noSidewaysScroll(page);

  // Their own amount: 350 ₽, on the next invoice. A zero is refused first, next to the field.
  await form.getByText(/^(Другая сумма|Other amount)$/).click();
  const amount = form.getByLabel(/^(Ваша сумма|Your amount)/);
  await amount.fill('0');
  await form.getByRole('button', { name: /^(Оставить чаевые|Send the tip)$/ }).click();
  await expect(form.locator('[data-field-error]')).toBeVisible();
  await amount.fill('350');
  await form.getByLabel(/^(Со следующим счётом|With my next invoice)$/).check();
  await form.getByRole('button', { name: /^(Оставить чаевые|Send the tip)$/ }).click();

  const given = main.getByTestId('tip-given');
  await expect(given).toBeVisible();
  await expect(given).toHaveAttribute('data-status', 'owed');
  await expect(given).toContainText(/350/);
  await expect(given).toContainText(firstName);
  await expectAccessible(page);
  await noSidewaysScroll(page);
  await signOut(page);

  await signIn(page, workerEmail);
  await page.goto('/worker/earnings');
  await expect(main.getByTestId('earnings-tips')).toContainText(/350/);
  await expect(main.locator('[data-category="tips"]').first()).toContainText(/350/);
  await expectAccessible(page);
  await noSidewaysScroll(page);
});
