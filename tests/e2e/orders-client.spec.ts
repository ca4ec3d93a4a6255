import { expect, test, type Page } from '@playwright/test';
import { field, signUpClient } from './helpers';

/** A date string in Moscow (the demo company's zone) `days` from today. */
function moscowDate(days: number): { date: string; weekday: number } {
  const d = new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000);
  return { date: d.toISOString().slice(0, 10), weekday: d.getUTCDay() };
}

/**
 * The Sunday of next week. Demo workers work Monday to Saturday, so nobody is free on a Sunday and the
 * order stays pending (auto-dispatch runs right after booking).
 */
function nextWeekSunday(): string {
  for (let days = 7; days < 14; days++) {
    const d = moscowDate(days);
    if (d.weekday === 0) return d.date;
  }
  throw new Error('unreachable');
}

async function orderDeepCleaning(page: Page, address: string) {
  await page.goto('/services');
  await page.getByTestId('service-deep').getByRole('link', { name: 'Заказать' }).click();
  await expect(page).toHaveURL(/\/orders\/new\?service=/);
  await field(page, 'Площадь, м²', 'Area, m²').fill('60');
  await field(page, 'Район', 'District').selectOption({ label: 'Центр' });
  await field(page, 'Адрес', 'Address').fill(address);
  await field(page, 'Дата', 'Date').fill(nextWeekSunday());
  await field(page, 'Время начала', 'Start time').fill('10:00');
  // The live estimate: 60 m² × 120 ₽ = 7 200 ₽, centre has no travel fee, a week ahead is not urgent.
  await expect(page.getByTestId('estimate-lines-total')).toHaveText(/7\s?200,00/);
  await page.getByRole('button', { name: 'Заказать' }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
}

test('a new client orders a deep cleaning for next week, cancels it free of charge and finds it under cancelled', async ({
  page,
}) => {
  await signUpClient(page, { name: 'Ольга Заказова' });
  await orderDeepCleaning(page, 'ул. Арбат, д. 10, кв. 3');
  const main = page.locator('main');
  await expect(main.getByTestId('order-status')).toHaveAttribute('data-status', 'pending');
  await expect(main.getByTestId('order-status')).toHaveText('Ищем исполнителя');
  await expect(main.getByTestId('order-timeline')).toContainText('Заказ оформлен');
  const number = (await main.getByRole('heading', { level: 1 }).textContent())?.match(/BR-\d{4}-\d{6}/)?.[0];
  expect(number).toBeTruthy();

  await main.getByRole('button', { name: 'Отменить заказ' }).click();
  await expect(main.getByTestId('cancel-cost')).toHaveText('Сейчас отмена бесплатна.');
  await field(page, 'Причина', 'Reason').selectOption({ label: 'Изменились планы' });
  await main.getByRole('button', { name: 'Подтвердить отмену' }).click();
  await expect(main.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(main.getByTestId('order-timeline')).toContainText('Заказ отменён');
  await expect(main.getByText('Плата за отмену')).toHaveCount(0);

  await page.goto('/orders');
  await expect(main.getByText(number!)).toHaveCount(0);
  await main.getByRole('link', { name: 'Отменённые' }).click();
  await expect(page).toHaveURL(/tab=cancelled/);
  await expect(main.getByTestId('order-list')).toContainText(number!);
  await expect(main.getByTestId('order-list')).toContainText('Отменён');
});

test('the order page follows changes made elsewhere without a reload', async ({ page, context }) => {
  await signUpClient(page);
  await orderDeepCleaning(page, 'ул. Покровка, д. 2, кв. 9');
  const main = page.locator('main');
  await expect(main.getByTestId('order-live')).toBeVisible();
  // Mark the document: a full reload would lose the mark.
  await page.evaluate(() => ((window as unknown as { __kept: boolean }).__kept = true));
  const other = await context.newPage();
  await other.goto(page.url());
  await other.locator('main').getByRole('button', { name: 'Отменить заказ' }).click();
  await field(other, 'Причина', 'Reason').selectOption({ label: 'Выбрал(а) не то время' });
  await other.locator('main').getByRole('button', { name: 'Подтвердить отмену' }).click();
  await expect(other.locator('main').getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled');
  // The first tab polls every few seconds.
  await expect(main.getByTestId('order-status')).toHaveAttribute('data-status', 'cancelled', { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { __kept?: boolean }).__kept)).toBe(true);
});

test('a client moves an order to another day and it goes back to matching', async ({ page }) => {
  await signUpClient(page);
  await orderDeepCleaning(page, 'ул. Маросейка, д. 4, кв. 21');
  const main = page.locator('main');
  const before = await main.getByTestId('order-when').textContent();
  await main.getByRole('button', { name: 'Перенести' }).click();
  const later = new Date(`${nextWeekSunday()}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 7);
  await field(page, 'Дата', 'Date').fill(later.toISOString().slice(0, 10));
  await field(page, 'Время начала', 'Start time').fill('12:00');
  await main.getByRole('button', { name: 'Сохранить новое время' }).click();
  await expect(main.getByTestId('order-timeline')).toContainText('Время изменено');
  await expect(main.getByTestId('order-when')).not.toHaveText(before ?? '');
  await expect(main.getByTestId('order-when')).toContainText('12:00');
  await expect(main.getByTestId('order-status')).toHaveAttribute('data-status', 'pending');
});

test('the order form shows its errors next to the fields: a missing address and a past date', async ({ page }) => {
  await signUpClient(page);
  await page.goto('/orders/new');
  await field(page, 'Услуга', 'Service').selectOption({ label: 'Генеральная уборка' });
  await field(page, 'Площадь, м²', 'Area, m²').fill('45');
  // Zones with a travel fee show it in the option ("Север (выезд 200,00 ₽)").
  const zone = field(page, 'Район', 'District');
  await zone.selectOption((await zone.locator('option', { hasText: 'Север' }).getAttribute('value'))!);
  await page.getByRole('button', { name: 'Заказать' }).click();
  const address = field(page, 'Адрес', 'Address');
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('main').getByText('Укажите адрес')).toBeVisible();

  await address.fill('Ленинградский проспект, 1');
  await field(page, 'Дата', 'Date').fill(moscowDate(-1).date);
  await page.getByRole('button', { name: 'Заказать' }).click();
  await expect(page.locator('main').getByText('Эта дата уже прошла')).toBeVisible();
  await expect(field(page, 'Дата', 'Date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/orders\/new$/);
  await page.goto('/orders');
  await expect(page.locator('main').getByText('У вас нет активных заказов.')).toBeVisible();
});

test('the order page works on a phone-sized screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signUpClient(page);
  await orderDeepCleaning(page, 'Кутузовский проспект, д. 30, кв. 118');
  const main = page.locator('main');
  await expect(main.getByTestId('order-status')).toBeVisible();
  await expect(main.getByTestId('estimate-lines-total')).toBeVisible();
  await expect(main.getByRole('button', { name: 'Отменить заказ' })).toBeVisible();
  // Nothing wider than the screen: no sideways scrolling.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/orders-page-375.png', fullPage: true });
});

test('the catalogue and the order form speak English too', async ({ page }) => {
  await signUpClient(page);
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByRole('heading', { name: 'My orders' })).toBeVisible();
  await page.goto('/services');
  const main = page.locator('main');
  await expect(main.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible();
  await expect(main.getByTestId('service-deep')).toContainText('Deep cleaning');
  await expect(main.getByTestId('service-deep')).toContainText('What is included');
  await main.getByTestId('service-deep').getByRole('link', { name: 'Order' }).click();
  await expect(main.getByRole('heading', { name: 'New order' })).toBeVisible();
  await field(page, 'Площадь, м²', 'Area, m²').fill('40');
  await field(page, 'Район', 'District').selectOption({ label: 'Centre' });
  // 40 × 120 ₽ = 4 800 ₽ is under the 5 000 ₽ minimum.
  await expect(main.getByTestId('estimate-lines')).toContainText('Minimum price');
  await page.getByRole('button', { name: 'Book' }).click();
  await expect(main.getByText('Enter the address')).toBeVisible();
});
