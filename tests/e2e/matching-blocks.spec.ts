import { expect, test } from '@playwright/test';
import { demo, orderRegularCleaning, signIn, signOut, signUpClient } from './helpers';

test('a manager blocks the order’s worker for the client on a phone, the order goes back to matching, and unblocks', async ({
  page,
}) => {
  const main = page.locator('main');
  await signUpClient(page, { name: 'Вера Блокирующая' });
  const { id: orderId } = await orderRegularCleaning(page, {
    area: '35',
    address: 'ул. Покровка, д. 5',
    time: '11:00',
  });
  // Matching runs right after the booking response (after()).
  await expect
    .poll(
      async () => {
        await page.goto(`/orders/${orderId}`);
        return main.getByTestId('order-status').getAttribute('data-status');
      },
      { timeout: 20_000 },
    )
    .toBe('assigned');
  await signOut(page);

  await page.setViewportSize({ width: 375, height: 812 });
  await signIn(page, demo.manager);
  await page.goto(`/admin/orders/${orderId}`);
  const card = main
    .locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Исполнители, заблокированные для клиента' }) });
  await expect(card).toContainText('Для этого клиента никто не заблокирован.');
  const form = card.getByTestId('block-worker-form');
  const heading = (await form.getByRole('heading', { level: 3 }).textContent()) ?? '';
  const blockedName = heading.replace('Заблокировать для этого клиента: ', '').trim();
  expect(blockedName).not.toBe('');

  // Too short a reason is refused next to the field.
  await form.getByLabel('Причина').fill('ну');
  await form.getByRole('button', { name: 'Заблокировать' }).click();
  await expect(form.getByText('Укажите причину — не короче 3 символов.')).toBeVisible();

  await form.getByLabel('Причина').fill('Клиент просит больше не присылать');
  await form.getByRole('button', { name: 'Заблокировать' }).click();
  await expect(card.getByRole('status')).toHaveText(
    `Исполнитель ${blockedName} заблокирован для этого клиента. 1 будущий заказ возвращён в подбор.`,
  );
  const list = card.getByTestId('blocked-workers');
  await expect(list).toContainText(blockedName);
  await expect(list).toContainText('Клиент просит больше не присылать');
  await expect(list).toContainText('заблокировал(а): Мария Менеджер');

  // Phone width: the section never scrolls sideways.
  const overflow = await card.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const box = await card.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(375);

  // The re-match after the response (a second "worker matched" in the timeline) picks someone else.
  await expect
    .poll(
      async () => {
        await page.goto(`/admin/orders/${orderId}`);
        return main.getByText('Назначен исполнитель', { exact: true }).count();
      },
      { timeout: 20_000 },
    )
    .toBe(2);
  await expect(card.getByTestId('block-worker-form').getByRole('heading', { level: 3 })).not.toContainText(blockedName);
  await expect(card.getByText('уже заблокирован для этого клиента')).toHaveCount(0);

  await card.getByRole('button', { name: new RegExp(`^Разблокировать\\s*:?\\s*${blockedName}$`) }).click();
  await expect(card).toContainText('Для этого клиента никто не заблокирован.');
});
