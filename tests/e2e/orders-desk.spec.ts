import { expect, test } from '@playwright/test';
import { demo, expectAccessible, orderRegularCleaning, signIn, signOut, signUpClient, workdayAhead } from './helpers';

test('a manager finds a client’s order on the order desk and cancels it for them, waiving the fee with a reason', async ({
  page,
}) => {
  const main = page.locator('main');
  await signUpClient(page, { name: 'Клиент Стола Заказов' });
  const order = await orderRegularCleaning(page, {
    area: '40',
    address: 'ул. Стола Заказов, 7',
    time: '12:00',
    date: workdayAhead(9),
  });
  await signOut(page);

  await signIn(page, demo.manager);
  await page.goto('/admin/orders');
  await main.getByTestId('open-desk').click();
  await expect(page).toHaveURL(/\/admin\/orders\/all$/);
  await expectAccessible(page);
  // By number, typed without the prefix.
  await main.getByLabel(/^(Номер или клиент|Order no\. or client)$/).fill(order.number.slice(3));
  await main.getByRole('button', { name: /^(Применить|Apply)$/ }).click();
  const row = main.getByTestId(`desk-order-${order.number}`);
  await expect(row).toBeVisible();
  await expect(main.getByTestId('pager-total')).toHaveText(/^(Найдено: 1|Found: 1)$/);
  await row.getByRole('link', { name: order.number }).click();
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(order.number);

  // Cancel for the client: the fee is stated first; waiving it needs a reason.
  await main.getByRole('button', { name: /^(Отменить заказ|Cancel the order)$/ }).click();
  const form = main.getByRole('form', { name: /^(Отмена заказа|Cancel the order)$/ });
  await expect(form.getByTestId('cancel-cost')).toBeVisible();
  await form.getByLabel(/^(Причина|Reason)$/).selectOption('plans_changed');
  await form.getByLabel(/^(Не брать плату за отмену|Do not charge the cancellation fee)$/).check();
  await form.getByRole('button', { name: /^(Подтвердить отмену|Confirm the cancellation)$/ }).click();
  await expect(form.getByText(/^(Укажите, почему плата не взимается|Say why the fee is waived)$/)).toBeVisible();
  await form
    .getByLabel(/^(Почему плата не взимается|Why the fee is waived)$/)
    .fill('Клиент позвонил, уважительная причина');
  await form.getByRole('button', { name: /^(Подтвердить отмену|Confirm the cancellation)$/ }).click();
  await expect(main.locator('[data-status="cancelled"]').first()).toBeVisible();
  await expectAccessible(page);

  // The dashboard's counts open the desk filtered.
  await page.goto('/admin');
  await main.getByTestId('today-pending').click();
  await expect(page).toHaveURL(/\/admin\/orders\/all\?status=pending&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(main.getByTestId('desk-status-pending')).toHaveAttribute('aria-current', 'page');
});

test('the order desk fits a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, demo.manager);
  await page.goto('/admin/orders/all');
  await expect(page.locator('main').getByTestId('pager-total')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});
