import { expect, test, type Page } from '@playwright/test';
import { demo, signIn } from './helpers';

// The pages work under the real Content-Security-Policy: every response carries it with a fresh nonce, and no
// page the main flows visit reports a violation (charts, forms, the live order page, downloads).

function collectViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test('every page carries the security headers and a fresh script nonce', async ({ page }) => {
  const first = await page.goto('/login');
  const second = await page.goto('/login');
  const h1 = first!.headers();
  const h2 = second!.headers();
  const nonce = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(h1['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(h1['content-security-policy']).toContain("object-src 'none'");
  expect(h1['content-security-policy']).toContain("base-uri 'self'");
  expect(h1['content-security-policy']).toContain("form-action 'self'");
  expect(nonce(h1['content-security-policy'])).toBeTruthy();
  expect(nonce(h1['content-security-policy'])).not.toBe(nonce(h2['content-security-policy']));
  expect(h1['x-content-type-options']).toBe('nosniff');
  expect(h1['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h1['permissions-policy']).toContain('camera=()');
  // Plain HTTP here: no HSTS (it is sent only over HTTPS).
  expect(h1['strict-transport-security']).toBeUndefined();
  // The page's own scripts carry the nonce of its response.
  const scripts = await page.locator('script[nonce]').count();
  expect(scripts).toBeGreaterThan(0);

  const reset = await page.goto('/reset-password/not-a-real-token');
  expect(reset!.headers()['referrer-policy']).toBe('no-referrer');
});

test('the main pages run under the policy with no violation', async ({ page }) => {
  const violations = collectViolations(page);
  await signIn(page, demo.admin);
  for (const path of ['/admin', '/admin/quality/analysis', '/admin/finance', '/admin/dispatch', '/admin/settings']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
  }
  // A form still submits under form-action 'self' (the analysis filter is a GET form).
  const csv = await page.request.get('/admin/quality/analysis/export');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['cache-control']).toContain('no-store');
  expect(violations).toEqual([]);
});

test('the client portal runs under the policy with no violation', async ({ page }) => {
  const violations = collectViolations(page);
  await signIn(page, demo.client);
  for (const path of ['/orders', '/orders/new', '/invoices', '/account']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
  }
  expect(violations).toEqual([]);
});
