import { expect, test, type Locator, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demo, signIn } from './helpers';

// Phone first: the worker's half runs on a 375 px wide screen.
test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

const card = (page: Page, title: RegExp): Locator =>
  page.locator('section', { has: page.getByRole('heading', { name: title }) });

async function fitsTheScreen(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/** A date string 'YYYY-MM-DD' in Moscow `days` from now. */
function moscowDate(days: number): string {
  return new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

test('a worker sets availability, opens today’s task, starts and finishes it', async ({ page }) => {
  await signIn(page, demo.worker);
  await expect(page).toHaveURL(/\/worker$/);

  // Availability: Saturday until 21:00 instead of 20:00 (only adds hours, so no assigned order is stranded).
  await page.getByRole('link', { name: /^(График|Availability)$/ }).click();
  await expect(page).toHaveURL(/\/worker\/availability$/);
  await fitsTheScreen(page);
  await page.getByLabel(/^(Суббота до|Saturday to)$/).fill('21:00');
  await page.getByRole('button', { name: /^(Сохранить часы|Save weekly hours)$/ }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(/Сохранено|Saved/);
  await page.reload();
  await expect(page.getByLabel(/^(Суббота до|Saturday to)$/)).toHaveValue('21:00');

  // Time off far ahead (beyond the booking horizon, so no one else's test is affected), then removed.
  const day = moscowDate(300);
  const timeOff = card(page, /^(Выходные и отпуск|Time off)$/);
  await timeOff.getByLabel(/^(С|From)$/).fill(day);
  await timeOff.getByLabel(/^(По \(включительно\)|To \(inclusive\))$/).fill(day);
  await timeOff.getByLabel(/^(Причина|Reason)$/).fill('e2e');
  await timeOff.getByRole('button', { name: /^(Добавить выходные|Add time off)$/ }).click();
  await expect(timeOff.getByTestId('time-off-row')).toHaveCount(1);
  await timeOff
    .getByTestId('time-off-row')
    .getByRole('button', { name: /^(Удалить|Remove)$/ })
    .click();
  await expect(timeOff.getByTestId('time-off-row')).toHaveCount(0);

  // Today's task (the demo data gives Anna one starting within the next half hour).
  await page.getByRole('link', { name: /^(Задачи|Tasks)$/ }).click();
  await expect(page).toHaveURL(/\/worker$/);
  await fitsTheScreen(page);
  // Earlier today's finished demo order may come first: take the one still to start.
  const task = page
    .getByRole('main')
    .getByTestId(/^task-/)
    .filter({ hasText: /Назначен|Assigned/ })
    .first();
  await expect(task).toBeVisible();
  await task.click();
  await expect(page).toHaveURL(/\/worker\/tasks\/[0-9a-f-]{36}$/);
  await fitsTheScreen(page);
  await expect(page.getByTestId('access-notes')).toBeVisible();

  await page.getByRole('button', { name: /^(Начинаю работу|I have started)$/ }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(/Начало отмечено|Start recorded/);

  const finish = page.getByRole('button', { name: /^(Работа выполнена|I have finished)$/ });
  await expect(finish).toBeDisabled();
  const boxes = page.getByRole('main').getByRole('checkbox');
  const n = await boxes.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
  await page.getByLabel(/^(Заметка для менеджера|Note for the manager)/).fill('Всё сделано');
  await finish.click();
  await expect(page.getByRole('main').getByRole('status')).toContainText(/Окончание отмечено|Finish recorded/);

  await page.goto('/worker?tab=completed');
  await expect(
    page
      .getByRole('main')
      .getByTestId(/^task-/)
      .first(),
  ).toContainText(/Выполнен|Completed/);
});

test('a manager issues supplies (refused when short) and the worker sees them', async ({ browser }) => {
  const name = `Губка ${randomUUID().slice(0, 6)}`;
  const manager = await browser.newContext();
  const page = await manager.newPage();
  await signIn(page, demo.manager);
  await page.goto('/admin/supplies');

  const add = card(page, /^(Новая позиция каталога|New catalogue item)$/);
  await add.getByLabel(/^(Название \(рус\.\)|Name \(Russian\))$/).fill(name);
  await add.getByLabel(/^(Название \(англ\.\)|Name \(English\))$/).fill(`Sponge ${name.slice(-6)}`);
  await add.getByLabel(/^(Единица \(по-русски\)|Unit \(in Russian\))$/).fill('шт');
  await add.getByLabel(/^(Единица по-английски|Unit in English)/).fill('pcs');
  // Roubles, like every other price in the product: 50 ₽.
  await add.getByLabel(/^(Цена за единицу|Unit cost)/).fill('50');
  await add.getByLabel(/^(Порог остатка|Low-stock threshold)$/).fill('1');
  await add.getByRole('button', { name: /^(Добавить|Add item)$/ }).click();
  await expect(page.getByRole('main').getByRole('row', { name: new RegExp(name) })).toBeVisible();

  const move = card(page, /^(Поступление или списание|Receive or write off)$/);
  const supplyValue = async (scope: Locator) =>
    (await scope.locator('option', { hasText: name }).getAttribute('value')) ?? '';
  await move.getByLabel(/^(Позиция|Item)$/).selectOption(await supplyValue(move));
  await move.getByLabel(/^(Количество|Quantity)$/).fill('5');
  await move.getByRole('button', { name: /^(Записать|Record)$/ }).click();
  await expect(move.getByRole('status')).toBeVisible();

  const issue = card(page, /^(Выдать исполнителю|Issue to a worker)$/);
  await expect(issue.locator('option', { hasText: `${name} (5 шт)` })).toHaveCount(1);
  await issue.getByLabel(/^(Исполнитель|Worker)$/).selectOption({ label: 'Ольга Иванова' });
  await issue.getByLabel(/^(Позиция|Item)$/).selectOption(await supplyValue(issue));
  await issue.getByLabel(/^(Количество|Quantity)$/).fill('7');
  await issue.getByRole('button', { name: /^(Выдать|Issue)$/ }).click();
  await expect(issue.getByRole('alert')).toContainText(
    /Недостаточно на складе: есть только 5 шт|Not enough in stock: only 5 шт/,
  );
  // Nothing changed: still 5 in stock.
  await expect(page.getByRole('main').getByRole('row', { name: new RegExp(name) })).toContainText('5 шт');

  await issue.getByLabel(/^(Количество|Quantity)$/).fill('3');
  await issue.getByRole('button', { name: /^(Выдать|Issue)$/ }).click();
  await expect(issue.getByRole('status')).toContainText(/Выдано|Issued/);
  // 5 − 3 = 2 left in stock.
  await expect(page.getByRole('main').getByRole('row', { name: new RegExp(name) })).toContainText('2 шт');
  await manager.close();

  const worker = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const wp = await worker.newPage();
  await signIn(wp, 'olga@brigada.local');
  await wp.getByRole('link', { name: /^(Расходники|Supplies)$/ }).click();
  await expect(wp).toHaveURL(/\/worker\/supplies$/);
  await expect(wp.getByTestId('holding').filter({ hasText: name })).toContainText('3 шт');
  await fitsTheScreen(wp);
  await worker.close();
});
