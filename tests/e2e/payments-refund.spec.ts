import { expect, test, type Locator } from '@playwright/test';
import { demo, expectAccessible, signIn, signOut } from './helpers';

// An admin refunds part of a Stripe payment (the stand-in playwright.config starts takes POST /v1/refunds and
// sends charge.refunded to the app's webhook while the app records its own answer) and the invoice's balance follows.

/** Kopecks from a shown amount: "4 250,50 ₽" (Russian) or "RUB 4,250.50" (English). */
async function kopecks(el: Locator): Promise<number> {
  const text = (await el.textContent()) ?? '';
  const plain = text.includes('₽') ? text.replace(/[^\d,]/g, '').replace(',', '.') : text.replace(/[^\d.]/g, '');
  return Math.round(Number(plain) * 100);
}

/** What the client's held credit has paid of the invoice on the page: its "paid from balance" payments. */
async function paidFromCredit(main: Locator): Promise<number> {
  let sum = 0;
  for (const el of await main.locator('li[data-provider="credit"] [data-testid="payment-amount"]').all())
    sum += await kopecks(el);
  return sum;
}

test('an admin refunds part of a card payment and the invoice balance follows', async ({ page }) => {
  const main = page.locator('main');
  // The demo client's invoice, paid through the Stripe checkout (already paid when the billing spec ran first).
  await signIn(page, demo.client);
  await page.goto('/invoices');
  await main.locator('[data-testid^="invoice-INV-"]').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  const invoiceId = page.url().split('/').pop()!;
  const pay = main.getByRole('button', { name: /Оплатить .* онлайн|Pay .* online/ });
  if (await pay.isVisible()) {
    await pay.click();
    await page.getByRole('button', { name: 'Pay' }).click();
    await expect(main.locator('[data-status="paid"]').first()).toBeVisible();
  }
  await signOut(page);

  await signIn(page, demo.admin);
  await page.goto(`/admin/finance/invoices/${invoiceId}`);
  const owedBefore = await kopecks(main.getByTestId('invoice-outstanding'));
  const creditBefore = await paidFromCredit(main);
  await main
    .getByRole('link', { name: /^(Вернуть|Refund) cs_test_/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/admin\/finance\/payments\/[0-9a-f-]{36}\/refund$/);
  await expectAccessible(page);
  const leftBefore = await kopecks(main.getByTestId('left'));
  expect(leftBefore).toBeGreaterThan(100_00);

  // More than is left: the field says so, nothing is refunded.
  const amount = main.getByLabel(/^(Сумма возврата|Amount to refund), /);
  await amount.fill(String(leftBefore / 100 + 1));
  await main.getByLabel(/^(Причина|Reason)/).fill('Test of a refund too large');
  await main.getByRole('button', { name: /^(Вернуть|Refund)$/ }).click();
  await expect(main.getByText(/Больше, чем осталось вернуть|More than is left to refund/)).toBeVisible();
  expect(await kopecks(main.getByTestId('left'))).toBe(leftBefore);

  // With the keyboard: 100,00 and a reason, then Enter on the button.
  await amount.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('100,00');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Окна не домыты, возвращаем часть');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(main.getByRole('status')).toContainText(/Возвращено|Refunded/);
  // 100,00 ₽ less left to refund, and one refund listed.
  await expect.poll(() => kopecks(main.getByTestId('left'))).toBe(leftBefore - 100_00);
  await expect(main.getByTestId('refunds').getByText('Окна не домыты, возвращаем часть')).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 375, height: 812 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The invoice owes the refunded 100,00 ₽ again (the stand-in's charge.refunded webhook counted nothing twice).
  await main.getByRole('link', { name: /^(К счёту|Back to the invoice)/ }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/finance/invoices/${invoiceId}$`));
  // Less what the credit the client holds paid of it at once (earlier specs may have left the demo client some):
  // owed = owedBefore + 100,00 − (new "paid from balance" payments), and credit never pays more than was reopened.
  const fromCredit = (await paidFromCredit(main)) - creditBefore;
  expect(fromCredit).toBeGreaterThanOrEqual(0);
  expect(fromCredit).toBeLessThanOrEqual(100_00);
  expect(await kopecks(main.getByTestId('invoice-outstanding'))).toBe(owedBefore + 100_00 - fromCredit);
  await expect(main.getByTestId('refunds')).toHaveCount(1);
  await expectAccessible(page);
});
