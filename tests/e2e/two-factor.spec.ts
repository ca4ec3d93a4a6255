import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { attemptSignIn, demo, expectAccessible, field, signIn, signOut, uniqueEmail } from './helpers';

/** The code an authenticator app shows, `ahead` seconds from now (the server accepts ±30 s of drift). */
const code = (secret: string, ahead = 0) =>
  TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: Date.now() + ahead * 1000,
  });

async function inviteManager(admin: Page, email: string): Promise<string> {
  await admin.goto('/admin/users');
  const form = admin.locator('form').filter({ has: admin.getByRole('button', { name: 'Создать приглашение' }) });
  await field(admin, 'Имя и фамилия', 'Full name').fill('Тамара Двухфакторная');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Роль').selectOption('manager');
  await admin.getByRole('button', { name: 'Создать приглашение' }).click();
  return (await admin.getByTestId('invite-link').textContent())!;
}

test('a staff member turns on two-factor sign-in with a QR code and then signs in with a code or a recovery code', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // A fresh manager, so the demo logins other specs use keep signing in with a password only.
  const adminCtx = await browser.newContext({ locale: 'ru-RU' });
  const admin = await adminCtx.newPage();
  await signIn(admin, demo.admin);
  const email = uniqueEmail('manager');
  const link = await inviteManager(admin, email);

  const ctx = await browser.newContext({ locale: 'ru-RU' });
  const page = await ctx.newPage();
  await page.goto(link);
  await page.getByLabel('Пароль', { exact: true }).fill('manager-pass-1');
  await page.getByLabel('Повторите пароль').fill('manager-pass-1');
  await page.getByRole('button', { name: 'Задать пароль и войти' }).click();
  await expect(page).toHaveURL(/\/admin$/);

  await page.getByRole('link', { name: 'Безопасность входа' }).first().click();
  await expect(page).toHaveURL(/\/security$/);
  await expect(page.getByRole('img', { name: 'QR-код для приложения-аутентификатора' })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  await field(page, 'Код из приложения', 'Code from the app').fill('000000');
  await page.getByRole('button', { name: 'Включить' }).click();
  await expect(page.getByText('Код неверный или уже использован')).toBeVisible();
  await field(page, 'Код из приложения', 'Code from the app').fill(code(secret));
  await page.getByRole('button', { name: 'Включить' }).click();
  const codes = page.getByTestId('recovery-codes').getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole('button', { name: 'Я сохранил(а) коды' }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // Signing in now asks for a code after the password; a wrong one is refused, the app's code lets them in.
  await page.goto('/security');
  await signOut(page);
  await attemptSignIn(page, email, 'manager-pass-1');
  await expect(page.getByText('Введите код из приложения-аутентификатора.')).toBeVisible();
  await expectAccessible(page);
  await field(page, 'Код', 'Code').fill('123456');
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByText('Код неверный или уже использован')).toBeVisible();
  // The next 30-second step's code: a code is never accepted twice, and the enrolment used the current one.
  await field(page, 'Код', 'Code').fill(code(secret, 30));
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);

  // A recovery code works once, for a lost phone.
  await page.goto('/security');
  await expect(page.getByTestId('two-factor-status')).toContainText('10');
  await signOut(page);
  await attemptSignIn(page, email, 'manager-pass-1');
  await field(page, 'Код', 'Code').fill(recovery);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/security');
  await expect(page.getByTestId('two-factor-status')).toContainText('9');

  // The admin sees it on and can reset it (audited in the module); the manager is then back to a password only.
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const row = admin.getByTestId(`user-${email}`);
  await expect(row).toContainText('2FA включена');
  await row.getByRole('button', { name: 'Сбросить 2FA' }).click();
  await expect(row).not.toContainText('2FA включена');
  await signOut(page);
  await attemptSignIn(page, email, 'manager-pass-1');
  await expect(page).toHaveURL(/\/admin$/);
  await Promise.all([adminCtx.close(), ctx.close()]);
});
