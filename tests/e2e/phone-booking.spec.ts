import { expect, test, type Page } from '@playwright/test';
import { demo, expectAccessible, field, signIn, uniqueEmail, workdayAhead } from './helpers';

// Many pages in one flow: allow for a busy machine beyond the suite's one minute.
test.describe.configure({ timeout: 240_000 });

const noSidewaysScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

test('a manager books by phone for a new client, who gets the set-password email and never sees staff notes', async ({
  browser,
}) => {
  const managerCtx = await browser.newContext({ locale: 'ru-RU' });
  const manager = await managerCtx.newPage();
  await signIn(manager, demo.manager);
  const main = manager.locator('main');
  const email = uniqueEmail('caller');
  const secret = `Ключ у консьержа ${Date.now()}`;

  // From the client list to the phone booking; the caller is not on file.
  await manager.goto('/admin/clients');
  await main.getByRole('link', { name: 'Заказ по телефону' }).click();
  await expect(manager).toHaveURL(/\/admin\/bookings\/new$/);
  await main.getByTestId('client-search').fill(email);
  await main.getByRole('button', { name: 'Найти' }).click();
  await expect(main.getByText('Клиенты не найдены.')).toBeVisible();
  await expectAccessible(manager);

  const newClient = main.getByTestId('new-client-form');
  await field(manager, 'Имя', 'Name').fill('Зоя Звонкова');
  await newClient.getByLabel('Телефон').fill('8 916 222-33-44');
  await newClient.getByLabel('Почта').fill(email);
  await newClient.getByRole('button', { name: 'Создать клиента и продолжить' }).click();
  await expect(manager).toHaveURL(/\/admin\/bookings\/new\?client=[0-9a-f-]{36}&new=1$/);
  await expect(main.getByTestId('client-created')).toContainText(email);
  const clientId = new URL(manager.url()).searchParams.get('client')!;

  // The client's own order form, with its live estimate and rules.
  await field(manager, 'Услуга', 'Service').selectOption({ label: 'Поддерживающая уборка' });
  await field(manager, 'Площадь, м²', 'Area, m²').fill('45');
  await field(manager, 'Район', 'District').selectOption({ label: 'Центр' });
  await field(manager, 'Адрес', 'Address').fill('ул. Звонкая, 8, кв. 3');
  await field(manager, 'Дата', 'Date').fill(workdayAhead(9));
  await field(manager, 'Время начала', 'Start time').fill('11:00');
  await expect(main.getByTestId('estimate-lines')).toBeVisible();
  await expectAccessible(manager);
  await main.getByRole('button', { name: 'Заказать' }).click();
  await expect(manager).toHaveURL(/\/admin\/orders\/[0-9a-f-]{36}$/);
  const orderId = manager.url().split('/').pop()!;
  // The first event says who booked it.
  await expect(main.getByText(/оформил\(а\) .+, менеджер/)).toBeVisible();

  // A permanent staff note on the client's record.
  await manager.goto(`/admin/clients/${clientId}`);
  await expect(main.getByTestId('client-email')).toHaveText(email);
  await expect(main.getByTestId('client-orders')).toContainText('BR-');
  await main.getByLabel('Заметка', { exact: true }).fill(secret);
  await main.getByRole('button', { name: 'Добавить заметку' }).click();
  await expect(main.getByTestId('staff-notes')).toContainText(secret);
  await expectAccessible(manager);

  // A second caller with the same email is offered the client on file instead of an error.
  await manager.goto('/admin/bookings/new');
  const again = main.getByTestId('new-client-form');
  await field(manager, 'Имя', 'Name').fill('Кто-то Другой');
  await again.getByLabel('Телефон').fill('+7 900 555-00-11');
  await again.getByLabel('Почта').fill(email.toUpperCase());
  await again.getByRole('button', { name: 'Создать клиента и продолжить' }).click();
  await expect(main.getByTestId('existing-client')).toContainText('Зоя Звонкова');
  await main.getByRole('link', { name: 'Оформить для: Зоя Звонкова' }).click();
  await expect(main.getByTestId('booking-client')).toContainText('Зоя Звонкова');

  // The set-password email is in the development mailbox, with the order's confirmation.
  const emails = manager.getByTestId('mailbox-email');
  await expect
    .poll(
      async () => {
        await manager.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
        return emails.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')).sort());
      },
      { timeout: 20_000 },
    )
    // Matching may already have found a worker (worker_matched) too.
    .toEqual(expect.arrayContaining(['invite', 'order_received']));
  await manager.locator('[data-testid="mailbox-email"][data-kind="invite"]').getByRole('link').click();
  await expect(manager.getByTestId('email-subject')).toHaveText('Приглашение в Чистый дом');
  const link = await manager
    .frameLocator('[data-testid="email-frame"]')
    .getByRole('link', { name: 'Принять приглашение' })
    .getAttribute('href');
  expect(link).toMatch(/\/reset-password\/[\w-]{40,}$/);

  // The client sets a password from the link, lands signed in, and sees the order but none of the notes.
  const clientCtx = await browser.newContext({ locale: 'ru-RU' });
  const client = await clientCtx.newPage();
  await client.goto(link!);
  await field(client, 'Новый пароль', 'New password').fill('zoya-new-pass-5');
  await field(client, 'Повторите пароль', 'Repeat password').fill('zoya-new-pass-5');
  await client.getByRole('button', { name: 'Сохранить и войти' }).click();
  await expect(client).toHaveURL(/\/orders$/);
  await client.goto(`/orders/${orderId}`);
  await expect(client.locator('main')).toContainText('ул. Звонкая, 8, кв. 3');
  await expect(client.locator('main')).not.toContainText(secret);
  await Promise.all([managerCtx.close(), clientCtx.close()]);
});

test('the client list and record work on a phone: search, no sideways scroll, accessible', async ({ browser }) => {
  const ctx = await browser.newContext({ locale: 'ru-RU', viewport: { width: 375, height: 812 } });
  const page = await ctx.newPage();
  await signIn(page, demo.manager);
  const main = page.locator('main');
  await page.goto(`/admin/clients?q=${encodeURIComponent(demo.client)}`);
  await noSidewaysScroll(page);
  await expectAccessible(page);
  await main.getByTestId('client-rows').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/admin\/clients\/[0-9a-f-]{36}$/);
  await expect(main.getByTestId('client-email')).toHaveText(demo.client);
  await noSidewaysScroll(page);
  await expectAccessible(page);
  await main.getByTestId('book-for-client').click();
  await expect(page).toHaveURL(/\/admin\/bookings\/new\?client=/);
  await expect(main.getByTestId('booking-client')).toBeVisible();
  await noSidewaysScroll(page);
  await expectAccessible(page);
  await ctx.close();
});
