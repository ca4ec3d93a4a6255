import { expect, test } from '@playwright/test';
import { attemptSignIn, demo, field, signIn, uniqueEmail } from './helpers';

test('an admin invites a worker, the worker sets a password, and a disabled worker is thrown out', async ({
  browser,
}) => {
  const adminCtx = await browser.newContext({ locale: 'ru-RU' });
  const admin = await adminCtx.newPage();
  await signIn(admin, demo.admin);
  await admin.goto('/admin/users');
  const email = uniqueEmail('worker');
  const form = admin.locator('form').filter({ has: admin.getByRole('button', { name: 'Создать приглашение' }) });
  await field(form.page(), 'Имя и фамилия', 'Full name').fill('Екатерина Новая');
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Роль').selectOption('worker');
  await admin.getByRole('button', { name: 'Создать приглашение' }).click();
  const link = await admin.getByTestId('invite-link').textContent();
  expect(link).toContain('/invite/');

  const workerCtx = await browser.newContext({ locale: 'ru-RU' });
  const worker = await workerCtx.newPage();
  await worker.goto(link!);
  await expect(worker.getByText('Екатерина Новая, вас пригласили как: Исполнитель')).toBeVisible();
  await worker.getByLabel('Пароль', { exact: true }).fill('worker-pass-1');
  await worker.getByLabel('Повторите пароль').fill('worker-pass-1');
  await worker.getByRole('button', { name: 'Задать пароль и войти' }).click();
  await expect(worker).toHaveURL(/\/worker$/);
  // A new worker is told what is missing before any job can come: hours (a link to set them), skills, districts.
  const setup = worker.getByTestId('worker-setup');
  await expect(setup).toContainText('Заполните профиль, чтобы получать заказы');
  await expect(setup.getByRole('link', { name: 'Укажите дни и часы, когда вы можете работать' })).toHaveAttribute(
    'href',
    '/worker/availability',
  );
  await expect(setup).toContainText('навыки');

  // The link is single-use.
  const other = await (await browser.newContext({ locale: 'ru-RU' })).newPage();
  await other.goto(link!);
  await expect(other.getByRole('alert').filter({ hasText: 'недействительна' })).toBeVisible();

  // The admin disables the worker; the worker's open session stops working on the next request.
  // Found by email: the list is paged, and the e2e database holds every spec's sign-ups.
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await admin.getByTestId(`user-${email}`).getByRole('button', { name: 'Отключить' }).click();
  await expect(admin.getByTestId(`user-${email}`)).toContainText('Отключён');
  await worker.reload();
  await expect(worker).toHaveURL(/\/login/);
  await attemptSignIn(worker, email, 'worker-pass-1');
  await expect(worker.getByText('Учётная запись отключена')).toBeVisible();
  await Promise.all([adminCtx.close(), workerCtx.close()]);
});
