import { expect, test, type Page } from '@playwright/test';
import { bookAssignedCleaning, demo, demoWorkerEmail, signIn, signOut } from './helpers';

// No code meant for the program (poor_quality, plans_changed, …) reaches a person's screen: an order failed for
// poor quality with a fine is read by the manager, the worker and the client, and no page shows snake_case.
const SNAKE = /\b[a-z]+_[a-z_]+\b/;

async function expectNoCodes(page: Page, path: string) {
  await page.goto(path);
  const text = await page.locator('main').innerText();
  expect(text, path).not.toMatch(SNAKE);
}

test('a failure for poor quality, with a fine, is told in words on every page that shows it', async ({ page }) => {
  // A booking, matching, and the failure read on several pages as three roles: beyond a minute on a loaded machine.
  test.setTimeout(120_000);
  const main = page.locator('main');
  const { id, worker } = await bookAssignedCleaning(page, {
    client: 'Клара Кодова',
    area: '30',
    address: 'ул. Сретенка, д. 7',
    time: '12:00',
    day: 1,
  });

  await signIn(page, demo.manager);
  await page.goto(`/admin/orders/${id}`);
  await main.getByRole('button', { name: 'Отметить невыполненным' }).click();
  await main.getByRole('textbox', { name: /^(Штраф|Fine), ₽/ }).fill('500');
  await main.getByRole('button', { name: 'Отметить заказ невыполненным' }).click();
  await expect(main.getByText('Заказ отмечен невыполненным.')).toBeVisible();
  for (const path of [`/admin/orders/${id}`, '/admin/orders?kind=failed', '/admin/quality/analysis?dim=reason'])
    await expectNoCodes(page, path);
  await signOut(page);

  await signIn(page, demoWorkerEmail[worker]);
  await expectNoCodes(page, '/worker/earnings');
  await expectNoCodes(page, '/worker?tab=cancelled');
  await signOut(page);
});

test('the demo client, worker and manager pages that list reasons show words', async ({ page }) => {
  await signIn(page, demo.client);
  await expectNoCodes(page, '/orders?status=cancelled');
  await signOut(page);
  await signIn(page, demo.worker);
  await expectNoCodes(page, '/worker/earnings');
  await signOut(page);
  await signIn(page, demo.manager);
  for (const path of ['/admin/orders?kind=cancelled', '/admin/quality/analysis?dim=reason&outcome=cancelled'])
    await expectNoCodes(page, path);
});
