import { expect, test } from '@playwright/test';
import { bookAssignedCleaning, demo, signIn } from './helpers';

// "Fine the worker" never silently does nothing: before submitting, the failure form says what the penalty
// rule for the chosen reason fines this order's worker, or that there is no rule and so no fine.
test('the failure form states the fine by rule per reason, or that no rule means no fine', async ({ page }) => {
  const main = page.locator('main');
  const { id } = await bookAssignedCleaning(page, {
    client: 'Вера Штрафова',
    area: '35',
    address: 'ул. Покровка, д. 3',
    time: '11:00',
    day: 2,
  });

  await signIn(page, demo.manager);
  await page.goto(`/admin/orders/${id}`);
  await main.getByRole('button', { name: 'Отметить невыполненным' }).click();
  const reason = main.getByRole('combobox', { name: /^(Причина|Reason)$/ });
  // Poor quality (the default reason) has no rule switched on in the demo: the form says so.
  await expect(reason).toHaveValue('poor_quality');
  await expect(main.getByTestId('no-rule-fine')).toHaveText(/нет правила штрафа: штрафа не будет/);
  await expect(main.getByTestId('rule-fine')).toHaveCount(0);
  // A no-show is fined 100 % of the pay by the built-in rule: the amount is shown next to the box.
  await reason.selectOption('no_show');
  await expect(main.getByTestId('rule-fine')).toHaveText(/^Оштрафовать исполнителя по правилу: [\d\s]+,\d{2}\s₽$/);
  await expect(main.getByTestId('no-rule-fine')).toHaveCount(0);
});
