import 'server-only';
import { and, asc, eq, gt, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders } from '@/db/schema';
import { serviceNameEn, serviceNameRu } from '@/lib/catalog';
import { remindOverdueInvoices } from './overdue';
import { enqueue } from '@/lib/notifications';
import { addDays, fromWallTime, parseDateString } from '@/lib/time';
import { today, weekPeriod, type ChunkResult, type JobDef } from '@/lib/scheduler';

const PER_CHUNK = 200;

/** Tomorrow's assigned tasks, one email per worker, for the next block of workers after `after`. */
async function remindTomorrowTasks(
  tx: Db,
  day: string,
  timeZone: string,
  after: string | null,
  limit: number,
): Promise<{ workers: number; last: string | null }> {
  const tomorrow = addDays(day, 1);
  const start = fromWallTime({ ...parseDateString(tomorrow), hour: 0, minute: 0 }, timeZone);
  const end = fromWallTime({ ...parseDateString(addDays(tomorrow, 1)), hour: 0, minute: 0 }, timeZone);
  const inDay = and(eq(orders.status, 'assigned'), gte(orders.scheduledStart, start), lt(orders.scheduledStart, end));
  const workers = await tx
    .selectDistinct({ workerId: orders.workerId })
    .from(orders)
    .where(and(inDay, after ? gt(orders.workerId, after) : undefined))
    .orderBy(asc(orders.workerId))
    .limit(limit);
  const ids = workers.map((w) => w.workerId).filter((id): id is string => id !== null);
  if (ids.length === 0) return { workers: 0, last: null };
  const tasks = await tx
    .select({
      workerId: orders.workerId,
      orderId: orders.id,
      number: orders.number,
      ru: serviceNameRu(orders.serviceId),
      en: serviceNameEn(orders.serviceId),
      startsAt: orders.scheduledStart,
      address: orders.address,
    })
    .from(orders)
    .where(and(inDay, inArray(orders.workerId, ids)))
    .orderBy(asc(orders.scheduledStart));
  for (const workerId of ids) {
    const mine = tasks.filter((t) => t.workerId === workerId);
    await enqueue(
      tx,
      { userId: workerId },
      'tomorrow_tasks',
      {
        date: tomorrow,
        tasks: mine.map((t) => ({
          orderId: t.orderId,
          number: t.number,
          service: { ru: t.ru, en: t.en },
          startsAt: t.startsAt.toISOString(),
          address: t.address,
        })),
      },
      { idempotencyKey: `tomorrow_tasks:${workerId}:${tomorrow}` },
    );
  }
  return { workers: ids.length, last: ids.at(-1) ?? null };
}

/**
 * Daily reminders, period = the day ('2026-11-25'): overdue invoices are flagged and their clients
 * reminded once; workers get tomorrow's tasks. Two phases, each chunked and keyed so nobody hears twice.
 */
export const remindersJob: JobDef = {
  name: 'reminders',
  periodKind: 'day',
  defaultPeriod: today,
  validPeriod: (p) => weekPeriod.test(p),
  chunk: async (tx, ctx): Promise<ChunkResult> => {
    const limit = ctx.chunkSize ?? PER_CHUNK;
    if (ctx.cursor.phase !== 'tasks') {
      const n = await remindOverdueInvoices(tx, ctx.period, limit);
      return {
        done: false,
        cursor: n < limit ? { phase: 'tasks' } : { phase: 'overdue' },
        counts: n ? { overdue: n } : {},
      };
    }
    const { workers, last } = await remindTomorrowTasks(
      tx,
      ctx.period,
      ctx.timeZone,
      typeof ctx.cursor.after === 'string' ? ctx.cursor.after : null,
      limit,
    );
    return {
      done: workers < limit,
      cursor: { phase: 'tasks', after: last },
      counts: workers ? { taskReminders: workers } : {},
    };
  },
};
