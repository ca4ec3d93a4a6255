import { expect, test, type Page } from '@playwright/test';
import {
  demo,
  expectAccessible,
  orderRegularCleaning,
  signIn,
  signOut,
  signUpClient,
  uniqueEmail,
  workdayAhead,
} from './helpers';

/** An attribute of each of the rows on the page as it stands (their ids). */
async function rowIds(page: Page, selector: string, attribute: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els, a) => els.map((e) => e.getAttribute(a) ?? ''), attribute);
}

/** "Найдено: 12" / "Found: 12" → 12. */
async function total(page: Page): Promise<number> {
  const text = (await page.locator('main').getByTestId('pager-total').textContent()) ?? '';
  return Number(text.replace(/\D/g, ''));
}

test('the admin pages through the order desk, the filters stay in the links, and the CSV holds the whole set', async ({
  page,
}) => {
  // Two bookings through the browser and a page walk: longer than the default minute on a loaded machine.
  test.setTimeout(240_000);
  const main = page.locator('main');
  // Two bookings of our own on top of the demo's orders, so the desk has more than a page of 10.
  await signUpClient(page, { name: 'Клиент Постраничный' });
  await orderRegularCleaning(page, { area: '40', address: 'ул. Страничная, 1', time: '10:00', date: workdayAhead(11) });
  await orderRegularCleaning(page, { area: '45', address: 'ул. Страничная, 2', time: '14:00', date: workdayAhead(12) });
  await signOut(page);

  await signIn(page, demo.admin);
  await page.goto('/admin/orders/all');
  await main.getByRole('combobox', { name: /^(На странице|Per page)$/ }).selectOption('10');
  await main.getByRole('button', { name: /^(Применить|Apply)$/ }).click();
  await expect(page).toHaveURL(/size=10/);
  const all = await total(page);
  expect(all).toBeGreaterThan(10);
  const rows = 'main [data-testid^="desk-order-"]';
  const first = await rowIds(page, rows, 'data-testid');
  expect(first).toHaveLength(10);
  await expectAccessible(page);

  await main.getByRole('link', { name: /^(Следующая страница →|Next page →)$/ }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page).toHaveURL(/size=10/);
  const second = await rowIds(page, rows, 'data-testid');
  expect(second.length).toBe(Math.min(10, all - 10));
  expect(second.filter((id) => first.includes(id))).toEqual([]);
  await expect(main.getByTestId('pager-total')).toHaveText(new RegExp(`${all}$`));

  // The export is of the whole filtered set, not of this page: no cursor in its link, every row in the file.
  const href = (await main.getByTestId('list-export').getAttribute('href')) ?? '';
  expect(href).not.toContain('cursor=');
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toMatch(/^number,status,scheduled_start/);
  expect(lines).toHaveLength(all + 1);

  // A search keeps to its own rows, and the pager counts them.
  await main.getByLabel(/^(Номер или клиент|Order no\. or client)$/).fill('Клиент Постраничный');
  await main.getByRole('button', { name: /^(Применить|Apply)$/ }).click();
  await expect(main.getByTestId('pager-total')).toHaveText(/^(Найдено: 2|Found: 2)$/);
  await expect(page).not.toHaveURL(/cursor=/);
});

test('the admin pages through the audit log of one record, also on a phone', async ({ page }) => {
  test.setTimeout(240_000);
  const main = page.locator('main');
  const email = uniqueEmail('audit-paging');
  await signUpClient(page, { name: 'Клиент Журнала', email });
  await signOut(page);
  await signIn(page, demo.admin);
  // Six times off and on again: twelve audit entries about this one account.
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const row = main.getByTestId(`user-${email}`);
  for (let i = 0; i < 6; i++) {
    await row.getByRole('button', { name: /^(Отключить|Disable)$/ }).click();
    await expect(row.getByRole('button', { name: /^(Включить|Enable)$/ })).toBeVisible();
    await row.getByRole('button', { name: /^(Включить|Enable)$/ }).click();
    await expect(row.getByRole('button', { name: /^(Отключить|Disable)$/ })).toBeVisible();
  }
  // The newest "user.enable" entry is ours; its record link filters the log to this account.
  await page.goto('/admin/audit?action=user.enable');
  await main
    .getByTestId('audit-entries')
    .locator('li')
    .first()
    .getByRole('link', { name: /^user / })
    .click();
  await expect(page).toHaveURL(/entity=user&entityId=/);
  await page.goto(`${page.url()}&size=10`);
  const all = await total(page);
  expect(all).toBeGreaterThanOrEqual(12);
  const entries = main.getByTestId('audit-entries').locator('li');
  await expect(entries).toHaveCount(10);
  const first = await rowIds(page, 'main [data-entry]', 'data-entry');
  await expectAccessible(page);

  await main.getByRole('link', { name: /^(Следующая страница →|Next page →)$/ }).click();
  await expect(page).toHaveURL(/entityId=.*cursor=|cursor=.*entityId=/);
  await expect(entries).toHaveCount(all - 10);
  const second = await rowIds(page, 'main [data-entry]', 'data-entry');
  expect(second.filter((e) => first.includes(e))).toEqual([]);
  await expect(main.getByRole('link', { name: /^(← В начало|← First page)$/ })).toBeVisible();

  // The streamed CSV of the same filter: every entry, one line each.
  const csv = await page.request.get((await main.getByTestId('list-export').getAttribute('href')) ?? '');
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines).toHaveLength(all + 1);
  expect(lines.slice(1).every((l) => /,user,/.test(l))).toBe(true);

  // On a phone the paged log does not scroll sideways.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(entries).toHaveCount(all - 10);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
});
