import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  orderEvents,
  orderReviews,
  orders,
  qualityForms,
  services,
  users,
  workerZones,
  type OrderStatus,
  type PriceLine,
} from '@/db/schema';
import { nextOrderNumber } from '@/lib/orders';
import { bookedEvent } from './cast';

/**
 * Demo data for quality (issue 9), run at the end of the seed transaction: a follow-up call form, and a few
 * failed and cancelled orders of the past weeks so the review queue, the analysis and the dashboard have
 * something to show. Only money-neutral outcomes (no client charge, no fee) are seeded, so the ledger needs
 * no entries for them. The Playwright journey reviews the poor-quality failure.
 */
export async function seedQualityDemo(tx: Db, timeZone: string, now = new Date()): Promise<void> {
  await tx.insert(qualityForms).values({
    nameRu: 'Контрольный звонок',
    nameEn: 'Follow-up call',
    purpose: 'follow_up',
    questions: [
      {
        code: 'on_time',
        kind: 'yes_no',
        ru: 'Исполнитель пришёл вовремя?',
        en: 'Did the worker arrive on time?',
        required: true,
      },
      { code: 'overall', kind: 'score', ru: 'Общая оценка работы', en: 'Overall rating of the work', required: true },
      {
        code: 'again',
        kind: 'choice',
        ru: 'Закажете у нас снова?',
        en: 'Would you order from us again?',
        required: false,
        options: [
          { code: 'yes', ru: 'Да', en: 'Yes', points: 100 },
          { code: 'maybe', ru: 'Возможно', en: 'Maybe', points: 50 },
          { code: 'no', ru: 'Нет', en: 'No', points: 0 },
        ],
      },
      { code: 'comment', kind: 'text', ru: 'Комментарий клиента', en: "Client's comment", required: false },
    ],
  });

  const people = await tx
    .select({ id: users.id, email: users.email, phone: users.phone })
    .from(users)
    .where(
      inArray(users.email, [
        'client@brigada.local',
        'olga@brigada.local',
        'marina@brigada.local',
        'manager@brigada.local',
      ]),
    );
  const by = (email: string) => people.find((p) => p.email === email);
  const client = by('client@brigada.local');
  const olga = by('olga@brigada.local');
  const marina = by('marina@brigada.local');
  const manager = by('manager@brigada.local');
  const [service] = await tx.select({ id: services.id }).from(services).where(eq(services.code, 'regular'));
  if (!client || !olga || !marina || !manager || !service) return;
  const [zone] = await tx
    .select({ zoneId: workerZones.zoneId })
    .from(workerZones)
    .where(eq(workerZones.workerId, olga.id))
    .limit(1);
  const line: PriceLine = {
    code: 'base',
    labelRu: 'Поддерживающая уборка, 40 м²',
    labelEn: 'Regular cleaning, 40 m²',
    quantity: 40,
    unitPrice: 6000,
    amount: 240_000,
  };

  type Demo = {
    daysAgo: number;
    status: OrderStatus;
    workerId: string | null;
    kind: string;
    reason: string;
    address: string;
    failedOnReview?: boolean;
  };
  const demos: Demo[] = [
    {
      daysAgo: 2,
      status: 'failed',
      workerId: olga.id,
      kind: 'review_fail',
      reason: 'poor_quality',
      address: 'Москва, ул. Арбат, д. 10, кв. 5',
      failedOnReview: true,
    },
    {
      daysAgo: 6,
      status: 'failed',
      workerId: marina.id,
      kind: 'fail',
      reason: 'no_show',
      address: 'Москва, Ленинский пр-т, д. 30, кв. 81',
    },
    {
      daysAgo: 3,
      status: 'cancelled',
      workerId: null,
      kind: 'cancel',
      reason: 'plans_changed',
      address: 'Москва, ул. Покровка, д. 2, кв. 14',
    },
    {
      daysAgo: 9,
      status: 'cancelled',
      workerId: olga.id,
      kind: 'cancel',
      reason: 'found_other',
      address: 'Москва, ул. Сретенка, д. 18, кв. 3',
    },
  ];
  for (const d of demos) {
    const start = new Date(now.getTime() - d.daysAgo * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 2 * 3_600_000);
    const booked = new Date(start.getTime() - 3 * 86_400_000);
    const [order] = await tx
      .insert(orders)
      .values({
        number: await nextOrderNumber(tx, booked, timeZone),
        clientId: client.id,
        serviceId: service.id,
        zoneId: zone.zoneId,
        status: d.status,
        address: d.address,
        contactPhone: client.phone ?? '+7 916 555-12-34',
        options: { areaM2: 40, rooms: 1, bathrooms: 1, extras: [] },
        scheduledStart: start,
        scheduledEnd: end,
        workerId: d.workerId,
        estimateLines: [line],
        estimateTotal: line.amount,
        priceLines: d.workerId ? [line] : null,
        priceTotal: d.workerId ? line.amount : null,
        startedAt: d.failedOnReview ? start : null,
        finishedAt: d.failedOnReview ? end : null,
        currency: 'RUB',
        bookedAt: booked,
        createdAt: booked,
        updatedAt: d.failedOnReview ? new Date(end.getTime() + 86_400_000) : start,
      })
      .returning({ id: orders.id });
    const events: (typeof orderEvents.$inferInsert)[] = [bookedEvent(order.id, client.id, booked)];
    if (d.workerId)
      events.push({
        orderId: order.id,
        fromStatus: 'pending',
        toStatus: 'assigned',
        kind: 'match',
        at: new Date(booked.getTime() + 60_000),
      });
    if (d.failedOnReview) {
      events.push({
        orderId: order.id,
        fromStatus: 'assigned',
        toStatus: 'in_progress',
        kind: 'start',
        actorId: d.workerId,
        actorRole: 'worker',
        data: { late: false, lateMinutes: 0 },
        at: start,
      });
      events.push({
        orderId: order.id,
        fromStatus: 'in_progress',
        toStatus: 'completed',
        kind: 'finish',
        actorId: d.workerId,
        actorRole: 'worker',
        at: end,
      });
      events.push({
        orderId: order.id,
        fromStatus: 'completed',
        toStatus: 'failed',
        kind: 'review_fail',
        actorId: manager.id,
        actorRole: 'manager',
        reason: d.reason,
        data: { reasonCode: d.reason, chargeClient: false, penalty: false },
        at: new Date(end.getTime() + 86_400_000),
      });
    } else if (d.status === 'failed') {
      events.push({
        orderId: order.id,
        fromStatus: 'assigned',
        toStatus: 'failed',
        kind: 'fail',
        reason: d.reason,
        data: { reasonCode: d.reason, chargeClient: false, penalty: false },
        at: new Date(start.getTime() + 3_600_000),
      });
    } else {
      events.push({
        orderId: order.id,
        fromStatus: d.workerId ? 'assigned' : 'pending',
        toStatus: 'cancelled',
        kind: 'cancel',
        actorId: client.id,
        actorRole: 'client',
        reason: d.reason,
        data: { reasonCode: d.reason, fee: 0 },
        at: new Date(start.getTime() - 2 * 86_400_000),
      });
    }
    await tx.insert(orderEvents).values(events);
    if (d.failedOnReview)
      await tx.insert(orderReviews).values({
        orderId: order.id,
        outcome: 'failed',
        reasonCode: d.reason,
        note: 'Клиент прислал фото: окна в разводах, пыль на шкафах.',
        chargeClient: false,
        reviewerId: manager.id,
        at: new Date(end.getTime() + 86_400_000),
      });
  }
}
