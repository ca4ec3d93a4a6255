import { expect, test } from '@playwright/test';
import { demo, signIn } from './helpers';

// The admin menu fits a 1280 px laptop screen in both languages: no item is cut off or hidden behind a
// scroll (it wraps instead), while a phone still gets a scrollable bar.
for (const locale of ['ru-RU', 'en-GB'] as const) {
  test.describe(`the admin menu at 1280 px (${locale})`, () => {
    test.use({ viewport: { width: 1280, height: 800 }, locale });
    test('every item is on screen', async ({ page }) => {
      await signIn(page, demo.admin);
      await page.goto('/admin');
      const nav = page.getByRole('navigation', { name: 'Main' });
      const links = nav.getByRole('link');
      expect(await links.count()).toBeGreaterThan(8);
      const scroll = await nav.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(scroll).toBeLessThanOrEqual(0);
      for (const link of await links.all()) {
        await expect(link).toBeInViewport();
        const box = (await link.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(1280);
      }
    });
  });
}
