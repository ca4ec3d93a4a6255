import { expect, test } from '@playwright/test';
import { demo, signIn } from './helpers';

// The demo data gives the demo client last week's open invoice and last month a draft payroll run
// (lib/finance/invoices/demo.ts); the Stripe stand-in plays the hosted checkout (playwright.config.ts).

test('a client opens an invoice, pays it through the checkout, and sees it paid', async ({ page }) => {
  await signIn(page, demo.client);
  await page.goto('/invoices');
  const main = page.locator('main');
  const first = main.locator('[data-testid^="invoice-INV-"]').first();
  await expect(first).toBeVisible();
  await first.getByRole('link').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await expect(main.getByTestId('invoice-number')).toHaveText(/^INV-\d{4}-\d{6}$/);
  await expect(main.getByTestId('invoice-line').first()).toBeVisible();
  await expect(main.locator('[data-status="open"], [data-status="overdue"]').first()).toBeVisible();

  // The open invoice says how to pay it by transfer: the demo company's bank details and the reference.
  const transfer = main.getByTestId('invoice-transfer');
  await expect(transfer).toContainText('40702810900000012345');
  await expect(transfer).toContainText(/БИК 044525999|BIK 044525999/);
  await expect(transfer).toContainText(/INV-\d{4}-\d{6}/);

  // The PDF is a real PDF.
  const href = await main.getByRole('link', { name: /Скачать PDF|Download PDF/ }).getAttribute('href');
  const pdf = await page.request.get(href!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  await main.getByRole('button', { name: /Оплатить .* онлайн|Pay .* online/ }).click();
  await expect(page).toHaveURL(/\/pay\/cs_test_/);
  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}\?checkout=success$/);
  await expect(main.locator('[data-status="paid"]').first()).toBeVisible();
  await expect(main.getByTestId('invoice-outstanding')).toHaveText(/^0,00\s?₽$|^RUB\s?0\.00$|^0\.00/);
  await page.goto('/invoices?status=paid');
  await expect(main.locator('[data-testid^="invoice-INV-"]').first()).toBeVisible();
});

test('an admin reviews last month’s payroll run and approves it', async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto('/admin/finance/payroll');
  const main = page.locator('main');
  const row = main.locator('[data-testid^="payroll-run-"]').first();
  await expect(row.locator('[data-status="draft"]')).toBeVisible();
  await row.getByRole('link').click();
  await expect(main.getByTestId('run-net')).toBeVisible();
  await main.getByRole('button', { name: /^(Утвердить|Approve)$/ }).click();
  await expect(main.locator('[data-status="approved"]').first()).toBeVisible();
  await expect(main.getByRole('link', { name: /Файл для банка|Bank file/ })).toBeVisible();
});

test('an admin runs a job for a chosen period and sees its progress and the run', async ({ page }) => {
  await signIn(page, demo.admin);
  await page.goto('/admin/jobs');
  const main = page.locator('main');
  await main.getByLabel(/^(Задача|Job)$/).selectOption('reminders');
  await main.getByLabel(/^(Период|Period)$/).fill('2026-01-15');
  await main.getByRole('button', { name: /^(Запустить|Run)$/ }).click();
  await expect(main.getByTestId('job-progress')).toContainText(/выполнено|completed/);
  await expect(main.getByTestId('job-run-reminders-2026-01-15')).toBeVisible();
  // The same period again reports the first run.
  await main.getByRole('button', { name: /^(Запустить|Run)$/ }).click();
  await expect(main.getByTestId('job-progress')).toContainText(/уже было выполнено|already done/);
});
