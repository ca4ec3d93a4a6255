import { expect, test, type Page } from '@playwright/test';
import { demo, expectAccessible, orderRegularCleaning, signIn, signUpClient } from './helpers';

// Issue 16, "fail gracefully": the error and 404 pages are branded, translated and accessible; every page names
// itself in the tab; the worker portal installs as an app.

const BRAND_TITLE = / — Бригада$/;

async function noSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 375, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

test('a server error shows the branded error page with a reference for support, in both languages', async ({
  page,
  context,
}) => {
  // /dev/error fails on purpose; it exists in demo mode only (the e2e server runs in demo mode).
  const res = await page.goto('/dev/error');
  expect(res?.status()).toBe(500);
  const main = page.locator('main');
  await expect(page.getByRole('link', { name: 'Бригада', exact: true })).toBeVisible();
  await expect(main.getByRole('heading', { level: 1, name: 'Что-то пошло не так' })).toBeVisible();
  await expect(main).toContainText('Код ошибки');
  // The digest Next logs the real error under: what support searches the server log for.
  await expect(main.getByTestId('error-reference')).toHaveText(/^\w{6,}$/);
  // The error's own message never reaches the browser.
  await expect(main).not.toContainText('Forced error');
  await expect(main.getByRole('button', { name: 'Попробовать ещё раз' })).toBeVisible();
  await expect(main.getByRole('link', { name: 'На мою главную' })).toHaveAttribute('href', '/');
  await expectAccessible(page);
  await noSidewaysScroll(page);

  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.goto('/dev/error');
  await expect(main.getByRole('heading', { level: 1, name: 'Something went wrong' })).toBeVisible();
  await expect(main).toContainText('Reference');
  await expect(main.getByRole('button', { name: 'Try again' })).toBeVisible();
});

test('"try again" renders the failed page again', async ({ page }) => {
  // /dev/error fails every time: the retry comes back to the error page, with a reference again.
  await page.goto('/dev/error');
  await page.getByRole('button', { name: 'Попробовать ещё раз' }).click();
  await expect(page.locator('main').getByTestId('error-reference')).toBeVisible();
});

test('an unknown address is a translated 404 page with status 404', async ({ page }) => {
  const res = await page.goto('/no-such-page-anywhere');
  expect(res?.status()).toBe(404);
  const main = page.locator('main');
  await expect(main.getByRole('heading', { level: 1, name: 'Не найдено' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Бригада', exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Не найдено — Бригада');
  await expectAccessible(page);
  await noSidewaysScroll(page);
});

test("another worker's task is a 404 inside the worker portal, with its title", async ({ page }) => {
  await signIn(page, demo.worker);
  const res = await page.goto('/worker/tasks/00000000-0000-4000-8000-000000000000');
  expect(res?.status()).toBe(404);
  await expect(page.locator('main').getByRole('heading', { level: 1, name: 'Не найдено' })).toBeVisible();
  // The portal's navigation stays, and the way back leads to the worker's start page.
  await expect(page.getByRole('link', { name: 'График' })).toBeVisible();
  await expect(page.locator('main').getByRole('link', { name: 'На мою главную' })).toHaveAttribute('href', '/worker');
  await expect(page).toHaveTitle('Не найдено — Бригада');
  await expectAccessible(page);
});

/** Each address's tab title; they end with the brand and no two are alike. */
async function titlesOf(page: Page, paths: string[]): Promise<string[]> {
  const titles: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    const title = await page.title();
    expect(title, path).toMatch(BRAND_TITLE);
    titles.push(title);
  }
  expect(new Set(titles).size, titles.join(' | ')).toBe(titles.length);
  return titles;
}

test("the client's pages have distinct titles, an order's with its number", async ({ page }) => {
  await signUpClient(page);
  const titles = await titlesOf(page, ['/orders', '/orders/new', '/services', '/invoices', '/billing', '/account']);
  expect(titles[0]).toBe('Мои заказы — Бригада');
  const order = await orderRegularCleaning(page, { area: '40', address: 'ул. Заголовков, 1', time: '10:00' });
  await expect(page).toHaveTitle(`Заказ ${order.number} — Бригада`);
});

test("the worker's pages have distinct titles", async ({ page }) => {
  await signIn(page, demo.worker);
  const titles = await titlesOf(page, [
    '/worker',
    '/worker/availability',
    '/worker/supplies',
    '/worker/earnings',
    '/worker/payslips',
  ]);
  expect(titles[0]).toBe('Мои задачи — Бригада');
});

test("the staff's pages have distinct titles", async ({ page }) => {
  test.setTimeout(180_000); // fifteen pages, each a full server render
  await signIn(page, demo.admin);
  const paths = [
    '/admin',
    '/admin/orders',
    '/admin/orders/all',
    '/admin/plans',
    '/admin/dispatch',
    '/admin/workers',
    '/admin/supplies',
    '/admin/services',
    '/admin/quality',
    '/admin/finance',
    '/admin/users',
    '/admin/audit',
    '/admin/outbox',
    '/admin/jobs',
    '/admin/settings',
  ];
  const titles = await titlesOf(page, paths);
  expect(titles[0]).toBe('Сводка — Бригада');
});

test('titles follow the chosen language', async ({ page, context }) => {
  await page.goto('/login');
  await expect(page).toHaveTitle('Вход — Бригада');
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.reload();
  await expect(page).toHaveTitle('Sign in — Brigada');
});

test('the worker portal links its web app manifest, which anyone may fetch', async ({ page, request }) => {
  await page.goto('/login');
  await expect(page.locator('link[rel="manifest"]')).toHaveCount(0);
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /icon/);

  await signIn(page, demo.worker);
  await page.goto('/worker');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/worker.webmanifest');

  // Browsers fetch the manifest without credentials: `request` carries no session.
  const res = await request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('application/manifest+json');
  expect(res.headers()['content-security-policy']).toContain("manifest-src 'self'");
  const manifest = (await res.json()) as {
    name: string;
    short_name: string;
    start_url: string;
    scope: string;
    display: string;
    theme_color: string;
    background_color: string;
    icons: { src: string; sizes: string; type: string }[];
  };
  expect(manifest).toMatchObject({ start_url: '/worker', scope: '/worker', display: 'standalone' });
  expect(manifest.name).toContain('Бригада');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
  for (const size of ['192x192', '512x512']) {
    const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
    expect(icon, size).toBeTruthy();
    const file = await request.get(icon!.src);
    expect(file.status(), icon!.src).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
  }
});
