import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { demo, expectAccessible, signIn } from './helpers';

// The demo threshold is the default 10 000 ₽: a manager's bonus of 15 000 ₽ waits for an admin.

async function requestBonus(page: Page, amount: string, reason: string) {
  await page.goto('/admin/finance/adjustments');
  const form = page.locator('main form').first();
  await form.getByLabel(/^(Тип|Type)$/).selectOption('bonus');
  // The worker is found by typing (the picker searches on the server) and chosen by her radio button.
  await page.locator('main').getByTestId('person-search').fill('anna@brigada');
  await page
    .locator('main')
    .getByRole('radio', { name: /Анна Смирнова/ })
    .check();
  await form.getByLabel(/^(Сумма, ₽|Amount, ₽)$/).fill(amount);
  await form.getByLabel(/^(Причина|Reason)$/).fill(reason);
  await form.getByRole('button', { name: /^(Записать|Record)$/ }).click();
  await expect(
    page
      .getByRole('main')
      .getByRole('status')
      .filter({ hasText: /Отправлено на одобрение|Sent for an admin's approval/ }),
  ).toBeVisible();
}

test("a manager's large bonus waits; an admin approves one and rejects another with a note", async ({ browser }) => {
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, demo.manager);
  const approveReason = `Премия за квартал ${randomUUID().slice(0, 6)}`;
  const rejectReason = `Премия без приказа ${randomUUID().slice(0, 6)}`;
  await requestBonus(manager, '15 000', approveReason);
  await requestBonus(manager, '12000', rejectReason);
  // Not posted: the adjustments list does not show it; the manager's approvals page does, pending.
  await manager.goto('/admin/finance/adjustments');
  await expect(manager.locator('li', { hasText: approveReason })).toHaveCount(0);
  await manager.goto('/admin/finance/approvals');
  const mine = manager.getByTestId('money-approvals');
  await expect(mine.locator('li', { hasText: approveReason })).toContainText(/Ожидает|Ожидают|Pending/);
  await expect(mine.locator('li', { hasText: approveReason })).toContainText(/15\s000,00\s₽/);
  // Managers have no approve button.
  await expect(manager.getByRole('button', { name: /^(Одобрить|Approve)$/ })).toHaveCount(0);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, demo.admin);
  await admin.goto('/admin/finance');
  await expect(admin.getByTestId('pending-approvals')).toBeVisible();
  await admin
    .getByTestId('pending-approvals')
    .getByRole('link', { name: /Рассмотреть|Review/ })
    .click();
  await expect(admin).toHaveURL(/\/admin\/finance\/approvals\?status=pending/);
  // On a phone: nothing wider than the screen, no serious accessibility violation, and the rest works there.
  await admin.setViewportSize({ width: 375, height: 812 });
  await expect(admin.getByTestId('money-approvals').locator('li', { hasText: approveReason })).toBeVisible();
  expect(await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(admin);
  const toApprove = admin.getByTestId('money-approvals').locator('li', { hasText: approveReason });
  await toApprove.getByRole('button', { name: /^(Одобрить|Approve)$/ }).click();
  await expect(toApprove).toHaveCount(0);

  // Reject with the keyboard: the note field takes focus, Enter submits.
  const toReject = admin.getByTestId('money-approvals').locator('li', { hasText: rejectReason });
  await toReject.getByRole('button', { name: /^(Отклонить|Reject)$/ }).click();
  await admin.keyboard.type('Нужен приказ директора');
  await admin.keyboard.press('Enter');
  await expect(toReject).toHaveCount(0);

  // The posted bonus is in the adjustments list; the manager sees both outcomes.
  await admin.goto('/admin/finance/adjustments');
  await expect(admin.locator('li', { hasText: approveReason })).toContainText(/15\s000,00\s₽/);
  await manager.goto('/admin/finance/approvals?status=all');
  await expect(mine.locator('li', { hasText: approveReason })).toContainText(/Одобрен|Approved/);
  await expect(mine.locator('li', { hasText: rejectReason })).toContainText('Нужен приказ директора');
  await managerContext.close();
  await adminContext.close();
});
