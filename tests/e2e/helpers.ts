import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';

export const DEMO_PASSWORD = 'brigada2026';
export const demo = {
  admin: 'admin@brigada.local',
  manager: 'manager@brigada.local',
  worker: 'anna@brigada.local',
  client: 'client@brigada.local',
} as const;

export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}@e2e.local`;

/** Field by its label, in either language. */
export const field = (page: Page, ru: string, en: string) => page.getByLabel(new RegExp(`^(${ru}|${en})$`));

/** Fills and submits the sign-in form; stays wherever the app leaves the page. */
export async function attemptSignIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await field(page, 'Email', 'Email').fill(email);
  await field(page, 'Пароль', 'Password').fill(password);
  await page.getByRole('button', { name: /^(Войти|Sign in)$/ }).click();
}

/** Signs in and waits until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await attemptSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signUpClient(page: Page, opts: { name?: string; email?: string; password?: string } = {}) {
  const email = opts.email ?? uniqueEmail('client');
  await page.goto('/signup');
  await field(page, 'Имя и фамилия', 'Full name').fill(opts.name ?? 'Тест Клиентов');
  await field(page, 'Email', 'Email').fill(email);
  await field(page, 'Телефон', 'Phone').fill('+7 900 123-45-67');
  await field(page, 'Пароль', 'Password').fill(opts.password ?? 'secret-pass-1');
  await page.getByRole('button', { name: /^(Зарегистрироваться|Create account)$/ }).click();
  await expect(page).toHaveURL(/\/orders$/);
  return email;
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /^(Выйти|Sign out)$/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The demo workers by name, so a test can sign in as (or follow the email to) whoever matching chose. */
export const demoWorkerEmail: Record<string, string> = {
  'Анна Смирнова': demo.worker,
  'Ольга Иванова': 'olga@brigada.local',
  'Марина Кузнецова': 'marina@brigada.local',
  'Ирина Попова': 'irina@brigada.local',
};

/** A Monday-to-Saturday date (the demo workers' days) 8-13 days ahead, in Moscow. */
export function workdayNextWeek(): string {
  for (let days = 8; days < 14; days++) {
    const d = new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000);
    if (d.getUTCDay() !== 0) return d.toISOString().slice(0, 10);
  }
  throw new Error('unreachable');
}

/**
 * The n-th Monday-to-Saturday date from 2 days ahead (n = 0, 1, …), in Moscow. Specs that need a free worker
 * take a day of their own, so that the bookings of the whole suite (next week) do not leave nobody free.
 */
export function workdayAhead(n: number): string {
  const dates: string[] = [];
  for (let days = 2; dates.length <= n; days++) {
    const d = new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000);
    if (d.getUTCDay() !== 0) dates.push(d.toISOString().slice(0, 10));
  }
  return dates[n];
}

/**
 * Books a regular cleaning in the Центр district next week (or on `date`) through the client's order form (the client is
 * signed in); returns the new order's id and number, the page left on the order.
 */
export async function orderRegularCleaning(
  page: Page,
  opts: { area: string; address: string; time: string; date?: string },
): Promise<{ id: string; number: string }> {
  await page.goto('/services');
  await page.getByTestId('service-regular').getByRole('link', { name: 'Заказать' }).click();
  await field(page, 'Площадь, м²', 'Area, m²').fill(opts.area);
  await field(page, 'Район', 'District').selectOption({ label: 'Центр' });
  await field(page, 'Адрес', 'Address').fill(opts.address);
  await field(page, 'Дата', 'Date').fill(opts.date ?? workdayNextWeek());
  await field(page, 'Время начала', 'Start time').fill(opts.time);
  await page.getByRole('button', { name: 'Заказать' }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const number = (await page.locator('main').getByRole('heading', { level: 1 }).textContent())?.match(
    /BR-\d{4}-\d{6}/,
  )?.[0];
  expect(number).toBeTruthy();
  return { id: page.url().split('/').pop()!, number: number! };
}

/**
 * A new client books a regular cleaning on a day of its own and waits until matching has assigned it; then
 * signs out. Returns the order and the worker it went to (read from the dispatch page as the manager).
 */
export async function bookAssignedCleaning(
  page: Page,
  opts: { client: string; area: string; address: string; time: string; day: number },
): Promise<{ id: string; number: string; worker: string }> {
  const main = page.locator('main');
  await signUpClient(page, { name: opts.client });
  const { id, number } = await orderRegularCleaning(page, { ...opts, date: workdayAhead(opts.day) });
  // Matching runs right after the booking response (after()); the page shows the result on reload.
  await expect
    .poll(
      async () => {
        await page.goto(`/orders/${id}`);
        return main.getByTestId('order-status').getAttribute('data-status');
      },
      { timeout: 20_000 },
    )
    .toBe('assigned');
  await signOut(page);
  await signIn(page, demo.manager);
  await page.goto(`/admin/dispatch/${id}`);
  const worker = ((await main.getByTestId('current-worker').textContent()) ?? '').replace('Исполнитель: ', '').trim();
  await signOut(page);
  return { id, number, worker };
}

/** No serious or critical axe violation on the page as it stands (rules and their nodes in the message). */
export async function expectAccessible(page: Page) {
  // After a server action refreshes the page, Next.js streams the metadata in after the body: wait for the
  // title (every page has one) so that axe reads the page as it settles, not mid-stream.
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, page.url()).toEqual([]);
}
