import 'server-only';
import { and, asc, eq, gt, gte, lt, inArray, lte, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, services, workerProfiles, workerSkills, workerZones } from '@/db/schema';
import { systemActor, transitionOrder } from '@/lib/orders';

export type DispatchOptions = { orderIds?: string[]; now?: Date };
export type DispatchSummary = { considered: number; matched: number; unmatched: number; conflicts: number; skipped: boolean };

const HORIZON_DAYS = 14;

/** First version: one order at a time, the first eligible worker by skill, zone and no overlap. */
export async function dispatch(db: Db, opts: DispatchOptions = {}): Promise<DispatchSummary> {
  const now = opts.now ?? new Date();
  const horizon = new Date(now.getTime() + HORIZON_DAYS * 86_400_000);
  const pending = await db
    .select({ id: orders.id, zoneId: orders.zoneId, skill: services.skill, start: orders.scheduledStart, end: orders.scheduledEnd, estimateLines: orders.estimateLines, estimateTotal: orders.estimateTotal })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(and(eq(orders.status, 'pending'), gte(orders.scheduledStart, now), lte(orders.scheduledStart, horizon), opts.orderIds ? inArray(orders.id, opts.orderIds) : undefined))
    .orderBy(asc(orders.scheduledStart));
  const summary: DispatchSummary = { considered: pending.length, matched: 0, unmatched: 0, conflicts: 0, skipped: false };
  for (const order of pending) {
    const busy = db
      .select({ one: sql`1` })
      .from(orders)
      .where(and(eq(orders.workerId, workerProfiles.userId), inArray(orders.status, ['assigned', 'in_progress']), lt(orders.scheduledStart, order.end), gt(orders.scheduledEnd, order.start)));
    const [worker] = await db
      .select({ id: workerProfiles.userId })
      .from(workerProfiles)
      .innerJoin(workerSkills, and(eq(workerSkills.workerId, workerProfiles.userId), eq(workerSkills.skill, order.skill)))
      .innerJoin(workerZones, and(eq(workerZones.workerId, workerProfiles.userId), eq(workerZones.zoneId, order.zoneId)))
      .where(and(eq(workerProfiles.active, true), notExists(busy)))
      .limit(1);
    if (!worker) {
      summary.unmatched++;
      continue;
    }
    try {
      await transitionOrder(db, systemActor, order.id, 'match', { set: { workerId: worker.id, priceLines: order.estimateLines, priceTotal: order.estimateTotal } });
      summary.matched++;
    } catch {
      summary.conflicts++;
    }
  }
  return summary;
}
