import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demo, field, signIn, signOut, signUpClient } from './helpers';

test('an admin creates a service with a checklist and clients see it in the catalogue', async ({ page }) => {
  const code = `e2e-${randomUUID().slice(0, 6)}`;
  const nameRu = `Мойка люстр ${code}`;
  await signIn(page, demo.admin);
  await page.goto('/admin/services/new');
  const main = page.locator('main');

  // A price of 0 is refused with a clear message, and nothing is created.
  await field(page, 'Название \\(русский\\)', 'Name \\(Russian\\)').fill(nameRu);
  await field(page, 'Название \\(английский\\)', 'Name \\(English\\)').fill(`Chandelier cleaning ${code}`);
  await field(page, 'Код', 'Code').fill(code);
  await field(page, 'Тарификация', 'Priced').selectOption('fixed');
  await field(page, 'Цена за единицу \\(или фиксированная\\), ₽', 'Price per unit \\(or fixed price\\), ₽').fill('0');
  await field(page, 'Базовая длительность, минут', 'Base duration, minutes').fill('90');
  await page.getByRole('button', { name: /^(Добавить пункт чек-листа|Add a checklist item)$/ }).click();
  const item = main.getByTestId('checklist-0');
  await item.getByLabel(/^(Пункт \(русский\)|Item \(Russian\))$/).fill('Протереть плафоны');
  await item.getByLabel(/^(Пункт \(английский\)|Item \(English\))$/).fill('Wipe the shades');
  await page.getByRole('button', { name: /^(Создать услугу|Create service)$/ }).click();
  await expect(main.getByText(/Цена должна быть больше 0|The price must be more than 0/)).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/services\/new$/);

  await field(page, 'Цена за единицу \\(или фиксированная\\), ₽', 'Price per unit \\(or fixed price\\), ₽').fill(
    '2500',
  );
  await page.getByRole('button', { name: /^(Создать услугу|Create service)$/ }).click();
  await expect(page).toHaveURL(/\/admin\/services\/[0-9a-f-]{36}$/);
  await page.goto('/admin/services');
  await expect(main.getByTestId(`service-${code}`)).toContainText(nameRu);

  // The change is in the audit log.
  await page.goto(`/admin/audit?entity=service`);
  await expect(main.getByTestId('audit-entries')).toContainText('service.create');
  await signOut(page);

  await signUpClient(page);
  await page.goto('/services');
  const card = page.locator('main').getByTestId(`service-${code}`);
  await expect(card).toContainText(nameRu);
  await expect(card).toContainText('Протереть плафоны');
});
