import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demo, signIn } from './helpers';

// The seed (lib/quality/demo.ts) leaves a no-show failure of the past week, not yet reviewed, and a follow-up form.
test('a manager reviews a failed order, logs a call, fills a quality form and finds it in the analysis', async ({
  page,
}) => {
  const note = `Клиент недоволен, просит повтор ${randomUUID().slice(0, 6)}`;
  await signIn(page, demo.manager);
  await page.goto('/admin/orders?kind=failed');
  const main = page.locator('main');
  const failedTab = main.getByTestId('queue-failed');
  await expect(failedTab).toHaveAttribute('aria-current', 'page');
  const item = main
    .locator('[data-testid^="queue-item-"]', { hasText: /Исполнитель не пришёл|Worker did not show up/ })
    .first();
  const number = ((await item.getAttribute('data-testid')) ?? '').replace('queue-item-', '');
  expect(number).toMatch(/^BR-/);
  await item.getByRole('link', { name: number }).click();
  await expect(page).toHaveURL(/\/admin\/orders\/[0-9a-f-]{36}$/);
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(number);

  // A call with its outcome.
  await main.getByLabel(/^(Тип|Type)$/).selectOption('call');
  await main.getByLabel(/^(Результат|Outcome)$/).selectOption('reached');
  await main.getByLabel(/^(Заметки|Notes)$/).fill(note);
  await main.getByRole('button', { name: /^(Записать в журнал|Save to the log)$/ }).click();
  await expect(main.getByTestId('contact-log')).toContainText(note);
  await expect(main.getByTestId('contact-log')).toContainText(/Дозвонились|Reached/);

  // The follow-up form: yes, 4 of 5, "maybe" → (100 + 75 + 50) / 3 = 75 %.
  await main
    .getByTestId('question-on_time')
    .getByLabel(/^(Да|Yes)$/)
    .check();
  await main.getByTestId('question-overall').getByLabel('4', { exact: true }).check();
  await main.getByTestId('question-again').getByRole('combobox').selectOption('maybe');
  await main.getByRole('button', { name: /^(Сохранить ответы|Save the answers)$/ }).click();
  await expect(main.getByTestId('quality-responses')).toContainText(/оценка 75\s%/);

  // A free re-do: a slot in which a demo worker is free is proposed and preselected; the manager books it.
  await main.getByRole('button', { name: /^(Создать бесплатный повтор|Create a free re-do)$/ }).click();
  const redo = main.getByTestId('redo-form');
  await expect(redo.getByRole('radio').first()).toBeChecked();
  await expect(redo).toContainText(/свобод\S+ \d+ исполнител|\d+ workers? free/);
  await redo.getByRole('button', { name: /^(Назначить повтор|Book the re-do)$/ }).click();
  await expect(main.getByTestId('review-state')).toContainText(/Повтор:|Re-do:/);

  // The analysis by reason shows the no-show failure, and the drill-down lists this order.
  await page.goto('/admin/quality/analysis?dim=reason');
  const row = main
    .getByTestId('analysis-table')
    .getByRole('link', { name: /Исполнитель не пришёл|Worker did not show up/ });
  await expect(row).toBeVisible();
  await row.click();
  await expect(main.getByTestId('drill-orders')).toContainText(number);
  await expect(main.getByTestId('breakdown-chart')).toBeVisible();

  // The CSV export of the same view answers with a CSV.
  const csv = await page.request.get(`/admin/quality/analysis/export?dim=reason`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toContain('failed:no_show');

  // Managers cannot open admin-only pages.
  const services = await page.request.get('/admin/services', { maxRedirects: 0 });
  expect(services.status()).toBe(403);
});
