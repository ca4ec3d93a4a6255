import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demo, expectAccessible, signIn } from './helpers';

/** The rows of the adjustments list on the page as it stands, by their text (each reason is unique here). */
async function rowTexts(page: Page): Promise<string[]> {
  return page.getByTestId('adjustments').locator(':scope > li').allTextContents();
}

test('the admin finds a worker by typing, records fines, and pages through the filtered adjustments, also on a phone', async ({
  page,
}) => {
  // Twelve fines through the form and a page walk: longer than the default minute on a loaded machine.
  test.setTimeout(240_000);
  const main = page.locator('main');
  const tag = randomUUID().slice(0, 6);
  await signIn(page, demo.admin);
  await page.goto('/admin/finance/adjustments');
  await expectAccessible(page);
  // The picker asks the server as one types: the worker is found by email and chosen by her radio button.
  for (let i = 0; i < 12; i++) {
    await main.getByTestId('person-search').fill('irina@brigada');
    await main.getByRole('radio', { name: /Ирина Попова/ }).check();
    await main.getByLabel(/^(Сумма, ₽|Amount, ₽)$/).fill('10');
    await main.getByLabel(/^(Причина|Reason)$/).fill(`Проверка страниц ${tag} ${i}`);
    await main.getByRole('button', { name: /^(Записать|Record)$/ }).click();
    await expect(main.getByText(/^(Записано\.|Recorded\.)$/)).toBeVisible();
  }

  // Her fines, ten a page: the filters and the page size stay in the URL and in the pager's links.
  await page.goto(`/admin/finance/adjustments?kind=fine&q=${encodeURIComponent('Ирина Попова')}&size=10`);
  const totalText = (await main.getByTestId('pager-total').textContent()) ?? '';
  const all = Number(totalText.replace(/\D/g, ''));
  expect(all).toBeGreaterThanOrEqual(12);
  const first = await rowTexts(page);
  expect(first).toHaveLength(10);
  expect(first.every((r) => r.includes('Ирина Попова'))).toBe(true);
  await expectAccessible(page);
  await main.getByRole('link', { name: /^(Следующая страница →|Next page →)$/ }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page).toHaveURL(/kind=fine/);
  await expect(page).toHaveURL(/size=10/);
  const second = await rowTexts(page);
  expect(second.length).toBe(Math.min(10, all - 10));
  expect(second.filter((r) => first.includes(r))).toEqual([]);
  // All twelve of ours are met across the two pages (they are the newest), none twice.
  const ours = [...first, ...second].filter((r) => r.includes(tag));
  expect(ours).toHaveLength(12);

  // On a phone the paged list does not scroll sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
});
