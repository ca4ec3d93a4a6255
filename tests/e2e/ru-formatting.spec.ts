import { expect, test } from '@playwright/test';
import { demo, signIn, signOut } from './helpers';

// Numbers, months and job results read the Russian way in the Russian interface: "37,5 %", "Декабрь 2026 г.",
// job counts in words with money in roubles, and staff wording on staff pages.
test('the Russian interface formats numbers, months and job results the Russian way', async ({ page }) => {
  const main = page.locator('main');
  await signIn(page, demo.worker);
  await page.goto('/worker/earnings');
  await expect(main.getByTestId('earnings-month')).toHaveText(/^[А-ЯЁ][а-яё]+ \d{4} г\.$/);
  await signOut(page);

  await signIn(page, demo.admin);
  await page.goto('/admin/quality/analysis');
  const analysis = await main.innerText();
  expect(analysis).toMatch(/\d\s%/);
  expect(analysis).not.toMatch(/\d\.\d+\s?%/);

  await page.goto('/admin/jobs');
  await main.getByLabel(/^(Задача|Job)$/).selectOption('payroll');
  await main.getByLabel(/^(Период|Period)$/).fill('2026-01');
  await main.getByRole('button', { name: /^(Запустить|Run)$/ }).click();
  await expect(main.getByTestId('job-progress')).toContainText(/выполнено/);
  const jobs = await main.innerText();
  // No raw count keys ("payslips: 3", "net: 840000") anywhere on the page.
  expect(jobs).not.toMatch(/\b(payslips|lines|net|total|invoices|emails|overdue|taskReminders): \d/);

  await page.goto('/admin/workers');
  await main.getByRole('link', { name: 'Анна Смирнова' }).first().click();
  await expect(main.getByText('Выдано исполнителю')).toBeVisible();
  await expect(main.getByText('Что у вас на руках')).toHaveCount(0);
});
