import { test } from '@playwright/test';
import { demo, expectAccessible, signIn } from './helpers';

// Each role's main pages have no serious or critical axe violation (under the real security headers).
const pages: Record<string, string[]> = {
  [demo.client]: ['/orders', '/services', '/billing', '/invoices', '/account'],
  [demo.worker]: ['/worker', '/worker/earnings', '/worker/availability'],
  [demo.manager]: [
    '/admin',
    '/admin/orders',
    '/admin/orders/all',
    '/admin/dispatch',
    '/admin/workers',
    '/admin/quality/analysis',
  ],
  [demo.admin]: [
    '/admin/settings',
    '/admin/finance/invoices',
    '/admin/finance/charges',
    '/admin/finance/payroll',
    '/admin/finance/approvals',
    '/admin/services',
  ],
};

for (const [who, paths] of Object.entries(pages)) {
  test(`no serious accessibility violations: ${who}`, async ({ page }) => {
    // Up to six pages, each rendered and scanned by axe, while another worker uses the server: beyond a minute on
    // a loaded machine.
    test.setTimeout(120_000);
    await signIn(page, who);
    for (const path of paths) {
      await page.goto(path);
      await page.locator('main').waitFor();
      await expectAccessible(page);
    }
  });
}
