import { expect, test } from '@playwright/test';
import { demo, demoWorkerEmail, orderRegularCleaning, signIn, signOut, signUpClient, workdayNextWeek } from './helpers';

test('a client orders; the order is matched at once, the worker sees it, the manager reads why and reassigns by hand', async ({
  page,
}) => {
  // Booking, matching, three sign-ins and the board's menu on the way: more than one page's minute.
  test.setTimeout(120_000);
  const main = page.locator('main');
  await signUpClient(page, { name: 'Пётр Диспетчеров' });
  const { number } = await orderRegularCleaning(page, { area: '40', address: 'ул. Маросейка, д. 2', time: '15:00' });
  const orderUrl = page.url();
  // Matching runs right after the booking response (after()); the page shows the result on reload.
  await expect
    .poll(
      async () => {
        await page.goto(orderUrl);
        return main.getByTestId('order-status').getAttribute('data-status');
      },
      { timeout: 20_000 },
    )
    .toBe('assigned');
  await signOut(page);

  // The manager finds the assignment on the dispatch board and reads why this worker was chosen.
  await signIn(page, demo.manager);
  await page.goto(`/admin/dispatch?date=${workdayNextWeek()}`);
  await main.getByTestId(`block-${number}`).click();
  await main.getByRole('dialog').getByRole('link', { name: 'Почему этот исполнитель и все кандидаты' }).click();
  await expect(page).toHaveURL(/\/admin\/dispatch\/[0-9a-f-]{36}$/);
  const dispatchUrl = page.url();
  const why = main.getByTestId('match-explanation').first();
  await expect(why).toContainText(/выбран\(а\) .+: в [\d,]+ км, [\d,]+ час(а|ов)? на этой неделе/);
  await expect(why).toContainText('следующий вариант —');
  const chosen = ((await main.getByTestId('current-worker').textContent()) ?? '').replace('Исполнитель: ', '').trim();
  expect(Object.keys(demoWorkerEmail)).toContain(chosen);
  await signOut(page);

  // The chosen worker sees the task.
  await signIn(page, demoWorkerEmail[chosen]);
  await page.goto('/worker');
  await expect(main.getByTestId(`task-${number}`)).toBeVisible();
  await signOut(page);

  // The manager reassigns by hand to the best other eligible worker.
  await signIn(page, demo.manager);
  await page.goto(dispatchUrl);
  const candidateId = await main
    .locator('li[data-testid^="candidate-"]')
    .filter({ hasText: 'подходит' })
    .filter({ hasNotText: 'текущий исполнитель' })
    .first()
    .getAttribute('data-testid');
  // Pinned by its id: after the assignment the list re-sorts and "the first other one" is someone else.
  const other = main.getByTestId(candidateId!);
  const otherName = candidateId!.replace('candidate-', '');
  await other.getByRole('button', { name: /^Переназначить/ }).click();
  // The page refreshes itself after the action; then a reload reads the same from the server.
  await expect(main.getByTestId('current-worker')).toHaveText(`Исполнитель: ${otherName}`);
  await page.reload();
  await expect(main.getByTestId('current-worker')).toHaveText(`Исполнитель: ${otherName}`);
  await expect(main.getByTestId('match-explanations')).toContainText('назначено вручную: Мария Менеджер');
  await signOut(page);

  await signIn(page, demoWorkerEmail[otherName]);
  await page.goto('/worker');
  await expect(main.getByTestId(`task-${number}`)).toBeVisible();
});

test('the dispatch board runs dispatch on demand', async ({ page }) => {
  await signIn(page, demo.manager);
  await page.goto('/admin/dispatch');
  const main = page.locator('main');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Доска расписания');
  await main.getByRole('button', { name: 'Распределить сейчас' }).click();
  // The board has other live regions too (drag and drop announcements): find the sweep's.
  await expect(main.getByRole('status').filter({ hasText: /Назначено \d+ из \d+/ })).toBeVisible();
});
