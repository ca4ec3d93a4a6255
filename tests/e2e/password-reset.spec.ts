import { expect, test } from '@playwright/test';
import { field, signIn, signOut, signUpClient } from './helpers';

// No wrong-password attempts here: the per-IP sign-in lockout is shared by every spec (integration tests cover them).
test('a client who forgot the password gets a link by email, sets a new password and signs in with it', async ({
  page,
}) => {
  const newPassword = 'brand-new-pass-7';
  const email = await signUpClient(page, { name: 'Нина Забывчивая' });
  await signOut(page);

  await page.getByRole('link', { name: 'Забыли пароль?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await field(page, 'Email', 'Email').fill(email);
  await page.getByRole('button', { name: 'Отправить ссылку' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Если учётная запись с адресом ${email} существует` }),
  ).toBeVisible();

  // The email is sent right after the response; the development mailbox shows it, newest first.
  const emails = page.getByTestId('mailbox-email');
  await expect
    .poll(
      async () => {
        await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
        return emails.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
      },
      { timeout: 20_000 },
    )
    .toEqual(['password_reset', 'welcome']);
  await emails.first().getByRole('link').click();
  await expect(page.getByTestId('email-subject')).toHaveText('Сброс пароля в Чистый дом');
  const frame = page.frameLocator('[data-testid="email-frame"]');
  const link = await frame.getByRole('link', { name: 'Задать новый пароль' }).getAttribute('href');
  expect(link).toMatch(/\/reset-password\/[\w-]{40,}$/);

  await page.goto(link!);
  await expect(page.getByText(`Задайте новый пароль для ${email}`)).toBeVisible();
  await field(page, 'Новый пароль', 'New password').fill(newPassword);
  await field(page, 'Повторите пароль', 'Repeat password').fill(newPassword);
  await page.getByRole('button', { name: 'Сохранить и войти' }).click();
  // Like an accepted invite, a reset signs the user in.
  await expect(page).toHaveURL(/\/orders$/);

  // The link works once (signed-in people may open the page too).
  await page.goto(link!);
  await expect(page.getByRole('alert').filter({ hasText: 'Ссылка недействительна или устарела' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Запросить новую ссылку' })).toHaveAttribute('href', '/forgot-password');

  await page.goto('/orders');
  await signOut(page);
  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(/\/orders$/);
});
