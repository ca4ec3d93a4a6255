import 'server-only';
import type { Db } from '@/db';
import {} from '@/db/schema';
import { systemActor, transitionOrder } from '@/lib/orders';
import { lastClosedMonth, lastClosedWeek, monthBounds, weekBounds } from '@/lib/scheduler';
import { defaultSettings } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import { ensureRun, invoiceBatch, payrollBatch, refreshRunTotals } from '@/lib/finance';

import { demoPrice, demoRegulars, insertDemoOrder } from './cast';

const HOUR = 3_600_000;

/**
 * Billing demo data, run at the end of the seed transaction: two orders of the demo client done by Anna —
 * one in the last closed week, one in the last closed month — then last week's invoice for the client
 * (open, to pay online) and last month's payroll run as a draft (to review and approve).
 */
export async function seedBillingDemo(tx: Db, now = new Date()): Promise<void> {
  const tz = defaultSettings.timeZone;
  const regulars = await demoRegulars(tx);
  if (!regulars) return;
  const { anna, client, service } = regulars;
  const options = { areaM2: 45, rooms: 2, bathrooms: 1, extras: [] as string[] };

  const doneOrder = async (startsAt: Date) => {
    const bookedAt = new Date(startsAt.getTime() - 96 * HOUR);
    const priced = (grade: 'senior' | null) => demoPrice(service, options, grade, startsAt, bookedAt);
    const orderId = await insertDemoOrder(tx, regulars, {
      address: 'Москва, ул. Тверская, д. 7, кв. 12',
      options,
      startsAt,
      bookedAt,
    });
    const final = priced('senior');
    const worker = { id: anna.id, role: 'worker' as const };
    await transitionOrder(tx, systemActor, orderId, 'match', {
      set: { workerId: anna.id, priceLines: final.lines, priceTotal: final.total },
      at: new Date(startsAt.getTime() - 48 * HOUR),
    });
    await transitionOrder(tx, worker, orderId, 'start', {
      set: { startedAt: startsAt },
      data: { late: false, lateMinutes: 0 },
      at: startsAt,
    });
    const finishedAt = new Date(startsAt.getTime() + 3 * HOUR);
    await transitionOrder(tx, worker, orderId, 'finish', { set: { finishedAt }, at: finishedAt });
  };

  // Wednesday 10:00 of the last closed week, and the 10th of the last closed month, 10:00 (company time).
  const week = lastClosedWeek(now, tz);
  await doneOrder(new Date(weekBounds(week, tz).start.getTime() + 2 * 24 * HOUR + 10 * HOUR));
  const month = lastClosedMonth(now, tz);
  const monthStart = monthBounds(month, tz).start;
  const tenth = new Date(monthStart.getTime() + 9 * 24 * HOUR + 10 * HOUR);
  if (tenth < weekBounds(week, tz).start) await doneOrder(tenth);

  const issueDate = toDateString(now, tz);
  await invoiceBatch(tx, {
    until: weekBounds(week, tz).end,
    periodFrom: week,
    periodTo: addDays(week, 6),
    issuedAt: now,
    dueDate: addDays(issueDate, defaultSettings.invoiceDueDays),
    year: Number(issueDate.slice(0, 4)),
    currency: defaultSettings.currency,
    afterClientId: null,
    limit: 1000,
    clientId: client.id,
  });
  const run = await ensureRun(tx, month);
  await payrollBatch(tx, {
    runId: run.id,
    period: month,
    until: monthBounds(month, tz).end,
    afterWorkerId: null,
    limit: 1000,
  });
  await refreshRunTotals(tx, run.id);
}
