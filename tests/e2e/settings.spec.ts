import { expect, test, type Page } from '@playwright/test';
import { demo, signIn } from './helpers';

// The e2e database is shared by every spec: this one puts the same-zone travel buffer back as it found it.

const sameZoneBuffer = (page: Page) =>
  page
    .getByTestId('settings-matching')
    .getByLabel(/^(Буфер на дорогу, тот же район, мин|Travel buffer, same district, min)$/);
const saveMatching = (page: Page) =>
  page.getByTestId('settings-matching').getByRole('button', { name: /^(Сохранить|Save)$/ });
const savedMatching = (page: Page) => page.getByTestId('settings-matching').getByRole('status');

/** Opens (or reloads) the page and waits until the forms are hydrated: Save is disabled before that. */
async function open(page: Page, reload = false) {
  if (reload) await page.reload();
  else await page.goto('/admin/settings');
  await expect(saveMatching(page)).toBeEnabled();
}

async function setSameZoneBuffer(page: Page, minutes: string) {
  await sameZoneBuffer(page).fill(minutes);
  await expect(sameZoneBuffer(page)).toHaveValue(minutes);
  await saveMatching(page).click();
  await expect(savedMatching(page)).toHaveText(/^(Сохранено|Saved)$/);
}

test('an admin changes the same-zone travel buffer, sees a field error for an invalid value, and puts it back', async ({
  page,
}) => {
  await signIn(page, demo.admin);
  await open(page);
  await expect(page.locator('main').getByRole('heading', { level: 1 })).toHaveText(/^(Настройки|Settings)$/);
  const original = await sameZoneBuffer(page).inputValue();
  // 25 stays within the other-zone buffer (60 for the demo company), which may not be shorter.
  const changed = original === '25' ? '20' : '25';
  try {
    await setSameZoneBuffer(page, changed);
    await open(page, true);
    await expect(sameZoneBuffer(page)).toHaveValue(changed);

    // Out of range: the error sits next to the field and nothing is saved.
    await sameZoneBuffer(page).fill('500');
    await saveMatching(page).click();
    await expect(
      page.getByTestId('settings-matching').getByText(/^(От 0 до 480 минут|From 0 to 480 minutes)$/),
    ).toBeVisible();
    await expect(sameZoneBuffer(page)).toHaveAttribute('aria-invalid', 'true');
    await open(page, true);
    await expect(sameZoneBuffer(page)).toHaveValue(changed);

    // The change is in the audit log.
    await page.goto('/admin/audit?entity=settings');
    await expect(page.locator('main').getByTestId('audit-entries')).toContainText('settings.update');
  } finally {
    await open(page);
    await setSameZoneBuffer(page, original);
    await open(page, true);
    await expect(sameZoneBuffer(page)).toHaveValue(original);
  }
});

test('a manager sees the settings read-only', async ({ page }) => {
  await signIn(page, demo.manager);
  await page.goto('/admin/settings');
  await expect(page.locator('main').getByRole('note')).toBeVisible();
  await expect(sameZoneBuffer(page)).toBeDisabled();
  await expect(saveMatching(page)).toHaveCount(0);
});

test('an admin keeps the company details printed on invoices; a malformed bank code is refused next to its field', async ({
  page,
}) => {
  await signIn(page, demo.admin);
  await open(page);
  const card = page.getByTestId('settings-requisites');
  await expect(card.getByLabel(/^(Расчётный счёт|Bank account)$/)).toHaveValue('40702810900000012345');
  const bik = card.getByLabel(/^(БИК|BIK \(bank code\))$/);
  await bik.fill('04452599');
  await card.getByRole('button', { name: /^(Сохранить|Save)$/ }).click();
  await expect(card.getByText(/^(БИК — 9 цифр|BIK is 9 digits)$/)).toBeVisible();
  await expect(bik).toHaveAttribute('aria-invalid', 'true');
  await open(page, true);
  await expect(page.getByTestId('settings-requisites').getByLabel(/^(БИК|BIK \(bank code\))$/)).toHaveValue(
    '044525999',
  );
});
