import { expect, test } from '@playwright/test';
import { demo, signIn } from './helpers';

// The demo data has last month's payroll run with a payslip for Anna (demo.worker); another test may approve
// the run, so nothing here depends on its status.
test('an admin downloads a worker’s payslip PDF from the payroll run; another worker gets 404', async ({
  page,
  browser,
}) => {
  await signIn(page, demo.admin);
  await page.goto('/admin/finance/payroll');
  const main = page.locator('main');
  await main.locator('[data-testid^="payroll-run-"]').first().getByRole('link').click();
  await expect(main.getByTestId('run-net')).toBeVisible();
  const link = main.getByRole('link', { name: /^Анна Смирнова: / });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/worker\/payslips\/[0-9a-f-]{36}\/pdf$/);
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  const other = await browser.newPage();
  await signIn(other, 'olga@brigada.local');
  expect((await other.request.get(href!)).status()).toBe(404);
  await other.close();
});
