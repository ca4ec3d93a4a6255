import { expect, test } from '@playwright/test';
import { attemptSignIn, demo, field, signIn, signOut, signUpClient, uniqueEmail } from './helpers';

test('a visitor signs up as a client, lands on the client portal, signs out and back in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Заказать уборку' })).toBeVisible();
  const email = await signUpClient(page, { name: 'Светлана Новикова' });
  await expect(page.getByRole('heading', { name: 'Мои заказы' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('Светлана Новикова');
  await signOut(page);
  await signIn(page, email, 'secret-pass-1');
  await expect(page).toHaveURL(/\/orders$/);
});

test('sign-up errors appear next to their fields and nothing crashes', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByText('Обязательное поле').first()).toBeVisible();
  await field(page, 'Имя и фамилия', 'Full name').fill('Иван');
  await field(page, 'Email', 'Email').fill('not-an-email');
  await field(page, 'Телефон', 'Phone').fill('+7 900 123-45-67');
  await field(page, 'Пароль', 'Password').fill('short');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByText('Введите корректный email')).toBeVisible();
  await expect(page.getByText('Не менее 8 символов')).toBeVisible();
  // A taken email is only known to the server: its message lands next to the email field.
  await field(page, 'Email', 'Email').fill(demo.client);
  await field(page, 'Пароль', 'Password').fill('secret-pass-1');
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await expect(page.getByText('Пользователь с таким email уже есть')).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test('a wrong password and an unknown email get the same answer', async ({ page }) => {
  await attemptSignIn(page, demo.manager, 'wrong-password-1');
  await expect(page.getByText('Неверный email или пароль')).toBeVisible();
  await attemptSignIn(page, uniqueEmail('nobody'), 'whatever-1');
  await expect(page.getByText('Неверный email или пароль')).toBeVisible();
  await expect(page.getByText('Нет учётной записи с таким email')).toHaveCount(0);
  await expect(page).toHaveURL(/\/login$/);
});

for (const [role, email, path, heading] of [
  ['client', demo.client, '/orders', 'Мои заказы'],
  ['worker', demo.worker, '/worker', 'Задачи'],
  ['manager', demo.manager, '/admin', 'Сводка'],
  ['admin', demo.admin, '/admin', 'Сводка'],
] as const) {
  test(`the demo ${role} lands on ${path}`, async ({ page }) => {
    await signIn(page, email);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    await signOut(page);
  });
}

test('a visitor asking for a portal page is sent to sign in and then back to it', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  await field(page, 'Email', 'Email').fill(demo.admin);
  await field(page, 'Пароль', 'Password').fill('brigada2026');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
});

test('signing out ends the session on the server: a cookie copied before no longer works', async ({
  page,
  browser,
}) => {
  await signIn(page, demo.client);
  await page.goto('/orders');
  const copied = await page.context().cookies();
  expect(copied.some((c) => c.name.includes('session-token'))).toBe(true);
  await signOut(page);

  // Someone replays the copied cookie in another browser.
  const other = await browser.newContext();
  await other.addCookies(copied);
  const replay = await other.newPage();
  await replay.goto('/orders');
  await expect(replay).toHaveURL(/\/login/);
  await other.close();
});

test("Auth.js's own sign-out endpoint ends the session on the server too", async ({ page, browser }) => {
  await signIn(page, demo.client);
  await page.goto('/orders');
  const copied = await page.context().cookies();
  // The endpoint a script or an old link would use: POST /api/auth/signout with the CSRF token.
  const { csrfToken } = (await (await page.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const out = await page.request.post('/api/auth/signout', { form: { csrfToken }, maxRedirects: 0 });
  expect(out.status()).toBeLessThan(400);

  const other = await browser.newContext();
  await other.addCookies(copied.filter((c) => c.name.includes('session-token')));
  const replay = await other.newPage();
  await replay.goto('/orders');
  await expect(replay).toHaveURL(/\/login/);
  await other.close();
});
