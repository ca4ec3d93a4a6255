import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demo, signIn } from './helpers';

// The demo data (lib/finance/demo.ts, run by the seed of the e2e server's fresh database) posts, through
// the real order transitions, Anna's order finished today after a start 12 minutes late, and a late
// cancellation by the demo client. Playwright cannot reach the server's embedded database, so these
// tests read what the product itself posted for those facts.

/** Anna's month with the demo order: the current one, or the previous one when seeded in the first hours of a month. */
async function openMonthWith(page: Page, text: RegExp) {
  await page.goto('/worker/earnings');
  const history = page.getByTestId('earnings-history');
  if ((await history.getByText(text).count()) === 0) {
    await page.getByRole('link', { name: /Назад|Previous/ }).click();
  }
  return history;
}

test('a worker sees an order pay and a lateness fine in the month', async ({ page }) => {
  await signIn(page, demo.worker);
  await page.getByRole('link', { name: /^(Заработок|Earnings)$/ }).click();
  await expect(page).toHaveURL(/\/worker\/earnings/);
  const history = await openMonthWith(page, /Опоздание на 12 мин/);
  const fine = history.locator('li', { hasText: 'Опоздание на 12 мин' });
  await expect(fine).toBeVisible();
  // Other modules' demo data may add earnings of their own; the pay we want is the same order's.
  const number = /BR-\d{4}-\d{6}/.exec((await fine.textContent()) ?? '')?.[0];
  expect(number).toBeTruthy();
  const pay = history.locator('li[data-category="earnings"]', { hasText: number! });
  // Pay: 60 m² × 60 ₽ = 3 600 ₽, senior grade +20 % = 4 320 ₽ of work; senior share 60 % = 2 592 ₽.
  await expect(pay).toContainText('Заказ выполнен');
  await expect(pay).toContainText(/\+2\s592,00\s₽/);
  // Fine: 10 % of the 2 592 ₽ pay (up to 30 minutes late) = 259,20 ₽.
  await expect(fine).toContainText('Штраф');
  await expect(fine).toContainText(/−259,20\s₽/);
});

test('a client sees a cancellation fee with a link to the order', async ({ page }) => {
  await signIn(page, demo.client);
  await page.getByRole('link', { name: /^(Баланс|Balance)$/ }).click();
  await expect(page).toHaveURL(/\/billing$/);
  const row = page.getByTestId('client-history').locator('li', { hasText: 'Плата за отмену' });
  // The cancelled booking's estimate is 3 600 ₽ (standard grade, not urgent); cancelled 10 h before the start: 30 % = 1 080 ₽.
  await expect(row).toContainText(/\+1\s080,00\s₽/);
  await expect(row.getByRole('link', { name: /^BR-/ })).toHaveAttribute('href', /^\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('client-balance')).not.toHaveText('');
});

test('a manager records a bonus with a reason; the ledger stays balanced and exports as CSV', async ({ page }) => {
  await signIn(page, demo.manager);
  await page.goto('/admin/finance/adjustments');
  const form = page.locator('main form').first();
  await form.getByLabel(/^(Тип|Type)$/).selectOption('bonus');
  // The worker is found by typing (the picker searches on the server) and chosen by her radio button.
  await page.locator('main').getByTestId('person-search').fill('anna@brigada');
  await page
    .locator('main')
    .getByRole('radio', { name: /Анна Смирнова/ })
    .check();
  await form.getByLabel(/^(Сумма, ₽|Amount, ₽)$/).fill('500');
  const reason = `Отличный отзыв ${randomUUID().slice(0, 6)}`;
  await form.getByLabel(/^(Причина|Reason)$/).fill(reason);
  await form.getByRole('button', { name: /^(Записать|Record)$/ }).click();
  await expect(
    page
      .getByRole('main')
      .getByRole('status')
      .filter({ hasText: /Записано|Recorded/ }),
  ).toBeVisible();
  await expect(page.locator('li', { hasText: reason })).toContainText(/500,00\s₽/);

  await page.goto('/admin/finance');
  await expect(page.getByRole('main').getByRole('status')).toHaveText(/Дебет равен кредиту|Debits equal credits/);
  await expect(page.getByTestId('total-debit')).toHaveText(
    (await page.getByTestId('total-credit').textContent()) ?? '',
  );
  const csv = await page.request.get('/admin/finance/export');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('TOTAL');
});
