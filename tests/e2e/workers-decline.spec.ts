import { expect, test } from '@playwright/test';
import { bookAssignedCleaning, demoWorkerEmail, signIn } from './helpers';

// Declining a task lands the worker on their task list with a confirmation, not on a bare "not found" page
// (the task is no longer theirs to open).
test('a worker declines a task and is taken back to the list with a confirmation', async ({ page }) => {
  const main = page.locator('main');
  const { number, worker } = await bookAssignedCleaning(page, {
    client: 'Дина Отказова',
    area: '30',
    address: 'ул. Ильинка, д. 4',
    time: '13:00',
    day: 0,
  });

  await signIn(page, demoWorkerEmail[worker]);
  await page.goto('/worker');
  await main.getByTestId(`task-${number}`).first().click();
  // What was bought and where: the size, a map link built from the address; the phone only nearer the start.
  await expect(main.getByTestId('task-scope')).toContainText('Площадь: 30 м²');
  await expect(main.getByTestId('map-link')).toHaveAttribute(
    'href',
    /yandex\.ru\/maps\/\?text=.*%D0%98%D0%BB%D1%8C%D0%B8%D0%BD%D0%BA%D0%B0/,
  );
  await expect(main.getByTestId('client-phone')).toHaveCount(0);
  await main.getByRole('button', { name: 'Отказаться от задачи' }).click();
  await main.getByLabel('Причина').selectOption('transport');
  await main.getByRole('button', { name: 'Отказаться', exact: true }).click();
  await expect(page).toHaveURL(/\/worker\?declined=1$/);
  await expect(main.getByTestId('declined-notice')).toHaveText('Вы отказались от задачи. Мы найдём замену.');
  await expect(main.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Не найдено')).toHaveCount(0);
});
