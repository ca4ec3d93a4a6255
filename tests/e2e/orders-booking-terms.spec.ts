import { expect, test } from '@playwright/test';
import { field, signUpClient, workdayNextWeek } from './helpers';

// What the client agrees to is on the form before booking: the range the final price can take, the latest
// start at which the job fits the working day, and the cancellation terms. Input the booking would refuse
// shows no estimate, and a job that would end after hours is refused on the time field.
test('the booking form states the price range, the latest start and the cancellation terms', async ({ page }) => {
  await signUpClient(page, { name: 'Инна Условиева' });
  await page.goto('/services');
  await page.getByTestId('service-deep').getByRole('link', { name: 'Заказать' }).click();
  await field(page, 'Площадь, м²', 'Area, m²').fill('60');
  await field(page, 'Район', 'District').selectOption({ label: 'Центр' });
  await field(page, 'Адрес', 'Address').fill('ул. Арбат, д. 12');
  await field(page, 'Дата', 'Date').fill(workdayNextWeek());
  const time = field(page, 'Время начала', 'Start time');
  await time.fill('10:00');

  // 60 m² × 120 ₽ = 7 200 ₽ at the standard grade; a deep clean of 60 m² takes 120 + 60 × 3 = 300 min (5 h),
  // so with the day ending at 20:00 the latest start is 15:00.
  await expect(page.getByTestId('estimate-lines-total')).toHaveText(/7\s?200,00/);
  await expect(page.getByText('поэтому начать не позже 15:00')).toBeVisible();
  await expect(page.getByTestId('estimate-range')).toHaveText(/^Итоговая цена от .+ до .+ — зависит от квалификации/);
  // "Never more than the estimate" is offered, saying what happens if only a senior cleaner is free.
  const cap = page.getByTestId('price-cap');
  await expect(cap).toContainText(/Не дороже предварительной цены \(7\s?200,00\s?₽\)/);
  await expect(cap).toContainText('разницу оплатим мы');
  const terms = page.getByTestId('cancellation-terms');
  await expect(terms).toContainText('бесплатно до');
  await expect(terms).toContainText('полная цена с');
  await expect(terms).toContainText('в любом случае бесплатно в течение 10 минут после оформления');

  // 16:00 + 5 h ends at 21:00: refused on the time field, and nothing is booked.
  await time.fill('16:00');
  await page.getByRole('button', { name: 'Заказать' }).click();
  await expect(page.getByText('Работа закончится после окончания рабочего дня: выберите время пораньше')).toBeVisible();
  await expect(page).toHaveURL(/\/orders\/new/);

  // A size the booking refuses shows no price at all.
  await time.fill('10:00');
  await field(page, 'Площадь, м²', 'Area, m²').fill('100000');
  await expect(page.getByTestId('estimate-lines-total')).toHaveCount(0);
  await expect(page.getByTestId('estimate')).toContainText('Укажите услугу, её объём');
});
