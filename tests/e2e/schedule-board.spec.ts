import { expect, type Locator, type Page } from '@playwright/test';
import { test } from '@playwright/test';
import { demo, expectAccessible, orderRegularCleaning, signIn, signOut, signUpClient } from './helpers';

/** A Sunday about three weeks ahead (Moscow): the demo workers work Monday to Saturday, so nobody takes it alone. */
function sundayAhead(): string {
  for (let days = 15; ; days++) {
    const d = new Date(Date.now() + 3 * 3_600_000 + days * 86_400_000);
    if (d.getUTCDay() === 0) return d.toISOString().slice(0, 10);
  }
}

/**
 * A real mouse drag: press on the item, move in steps (dnd-kit starts after a few pixels), release on the
 * target: `offsetX` px into it, or straight below the press point (a block changing lanes, not hours).
 */
async function drag(page: Page, from: Locator, to: Locator, offsetX?: number) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const x = a.x + a.width / 2;
  await page.mouse.move(x, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(x + 4, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(offsetX === undefined ? x : b.x + offsetX, b.y + b.height / 2, { steps: 15 });
  await page.mouse.up();
}

test('the schedule board: drag from the tray to a worker, to another worker, and the keyboard menu does the same', async ({
  page,
}) => {
  // A client's booking, three drags, a menu and four axe scans: longer than one page's test.
  test.setTimeout(180_000);
  const main = page.locator('main');
  const date = sundayAhead();
  await signUpClient(page, { name: 'Степан Доскин' });
  const { number } = await orderRegularCleaning(page, {
    area: '40',
    address: 'ул. Ильинка, д. 4',
    date,
    time: '10:00',
  });
  await signOut(page);

  await page.setViewportSize({ width: 1024, height: 900 });
  await signIn(page, demo.manager);
  await page.goto(`/admin/dispatch?date=${date}`);
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Доска расписания');
  const tray = main.getByTestId('tray');
  const item = tray.getByTestId(`tray-${number}`);
  await expect(item).toBeVisible();
  await expectAccessible(page);
  // The board scrolls inside its own box; the page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  // Tray → Ольга. Sunday is outside her schedule, so the board asks why before it assigns.
  await drag(page, item, main.getByTestId('lane-Ольга Иванова'), 300);
  const why = page.getByRole('dialog');
  await expect(why).toBeVisible();
  await why.getByRole('textbox').fill('Клиент договорился с Ольгой');
  await why.getByRole('button', { name: 'Назначить с этим обоснованием' }).click();
  const block = main.getByTestId(`block-${number}`);
  await expect(main.getByTestId('lane-Ольга Иванова').getByTestId(`block-${number}`)).toBeVisible();
  await expect(main.getByRole('alert').or(main.getByRole('status')).first()).toContainText(`${number} назначен`);
  await expect(tray.getByTestId(`tray-${number}`)).toHaveCount(0);

  // Ольга → Ирина, by dragging the block down to her lane.
  await drag(page, block, main.getByTestId('lane-Ирина Попова'));
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('dialog').getByRole('textbox').fill('Ирина ближе');
  await page.getByRole('dialog').getByRole('button', { name: 'Назначить с этим обоснованием' }).click();
  await expect(main.getByTestId('lane-Ирина Попова').getByTestId(`block-${number}`)).toBeVisible();
  await page.reload();
  await expect(main.getByTestId('lane-Ирина Попова').getByTestId(`block-${number}`)).toBeVisible();

  // The keyboard: focus the block, open its menu, pick Анна with a reason.
  await main.getByTestId(`block-${number}`).focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('dialog');
  await expect(menu.getByRole('heading', { name: `${number}: назначить, переназначить или перенести` })).toBeVisible();
  await expect(menu.getByTestId('menu-worker-Ирина Попова')).toContainText('заказ у него сейчас');
  // Nobody works on Sundays: each says why not.
  await expect(menu.getByTestId('menu-worker-Анна Смирнова')).toContainText('не работает в это время');
  await expectAccessible(page);
  await menu.getByLabel('Почему назначаете вопреки правилам').fill('Анна согласилась выйти');
  await menu.getByRole('button', { name: 'Переназначить: Анна Смирнова' }).click();
  await expect(main.getByTestId('lane-Анна Смирнова').getByTestId(`block-${number}`)).toBeVisible();
  await page.reload();
  await expect(main.getByTestId('lane-Анна Смирнова').getByTestId(`block-${number}`)).toBeVisible();

  // A phone gets the list: the same order under Анна, no sideways scroll.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/admin/dispatch?date=${date}`);
  const list = main.getByTestId('board-list');
  await expect(list).toBeVisible();
  await expect(list.getByRole('button', { name: new RegExp(number) })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});
