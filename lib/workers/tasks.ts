import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, services, workerTaskReleases, type OrderStatus } from '@/db/schema';
import type { ChecklistItem, ServiceExtra } from '@/db/schema/catalog';
import { assertRole, type Actor } from '@/lib/actor';
import { personName } from '@/lib/auth';
import { DomainError, notFound, validationFailed } from '@/lib/errors';
import {
  orderScope,
  requestMatching,
  scopeChecklist,
  transitionOrder,
  transitionOrders,
  type OrderScope,
} from '@/lib/orders';
import { getSettings } from '@/lib/settings';
import { fromWallTime, startOfZonedDay, toWallTime } from '@/lib/time';
import { afterCursor, countUpTo, decodeCursor, toPage, type Page } from '@/lib/paging';
import { checkStartWindow, hoursBefore, missingChecklistItems, type DeclineReasonCode } from './task-rules';

export type TaskDto = {
  id: string;
  number: string;
  status: OrderStatus;
  scheduledStart: Date;
  scheduledEnd: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  address: string;
  accessNotes: string;
  service: { ru: string; en: string };
  clientFirstName: string;
  /** The service's checklist plus an item per extra the client bought. */
  checklist: ChecklistItem[];
  /** What the client bought: size and extras. */
  scope: OrderScope;
  /** The client's phone, from the start window on until the task is done (null otherwise, and in lists). */
  contactPhone: string | null;
  payTotal: number | null;
  currency: string;
  /** For a recurring plan's visit: its number in the plan ("regular client, visit 7"); null for a one-off. */
  planVisit: number | null;
};

/** A task taken away from the worker (declined, reassigned …) for the cancelled tab. */
export type ReleasedTaskDto = {
  orderId: string;
  number: string;
  scheduledStart: Date;
  address: string;
  service: { ru: string; en: string };
  kind: string;
  reason: string | null;
  at: Date;
};

const taskColumns = {
  id: orders.id,
  number: orders.number,
  status: orders.status,
  scheduledStart: orders.scheduledStart,
  scheduledEnd: orders.scheduledEnd,
  startedAt: orders.startedAt,
  finishedAt: orders.finishedAt,
  address: orders.address,
  accessNotes: orders.accessNotes,
  serviceRu: services.nameRu,
  serviceEn: services.nameEn,
  clientName: personName(orders.clientId),
  checklist: services.checklist,
  serviceExtras: services.extras,
  options: orders.options,
  contactPhone: orders.contactPhone,
  payTotal: orders.payTotal,
  currency: orders.currency,
  // A recurring plan's visit: which visit of the plan it is (cancelled ones not counted).
  planVisit: sql<number | null>`case when orders.plan_id is null then null else (
    select count(*)::int from orders p where p.plan_id = orders.plan_id and p.plan_date <= orders.plan_date and p.status <> 'cancelled') end`,
};

type TaskRow = Pick<
  TaskDto,
  | 'id'
  | 'number'
  | 'status'
  | 'scheduledStart'
  | 'scheduledEnd'
  | 'startedAt'
  | 'finishedAt'
  | 'address'
  | 'accessNotes'
> & {
  serviceRu: string;
  serviceEn: string;
  clientName: string;
  checklist: ChecklistItem[];
  serviceExtras: ServiceExtra[];
  options: Record<string, unknown>;
  contactPhone: string;
  payTotal: number | null;
  currency: string;
  planVisit: number | null;
};

function toDto(r: TaskRow): TaskDto {
  const scope = orderScope(r.options, r.serviceExtras);
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    scheduledStart: r.scheduledStart,
    scheduledEnd: r.scheduledEnd,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    address: r.address,
    accessNotes: r.accessNotes,
    service: { ru: r.serviceRu, en: r.serviceEn },
    // Only the first name reaches the worker.
    clientFirstName: r.clientName.trim().split(/\s+/)[0] ?? '',
    checklist: scopeChecklist(r.checklist, scope),
    scope,
    contactPhone: null,
    payTotal: r.payTotal,
    currency: r.currency,
    planVisit: r.planVisit === null ? null : Number(r.planVisit),
  };
}

function taskQuery(db: Db) {
  return db.select(taskColumns).from(orders).innerJoin(services, eq(services.id, orders.serviceId));
}

export const taskTabs = ['active', 'completed', 'cancelled'] as const;
export type TaskTab = (typeof taskTabs)[number];

/** A worker's tab is a phone screen: 20 tasks a page. */
export const TASKS_PAGE_SIZE = 20;

export type MyTasks = {
  today: TaskDto[];
  /** The chosen tab, keyset-paged: active soonest first; completed and cancelled newest first. */
  list: Page<TaskDto>;
  released: ReleasedTaskDto[];
};

const tabStatuses: Record<TaskTab, OrderStatus[]> = {
  active: ['assigned', 'in_progress'],
  completed: ['completed'],
  cancelled: ['cancelled', 'failed'],
};

/**
 * The worker's tasks: today's (company day) first, then one tab, paged. "Cancelled" holds orders that were
 * cancelled or failed while theirs, and (in `released`, the latest 50) orders taken away from them.
 */
export async function listMyTasks(
  db: Db,
  actor: Actor,
  opts: { tab?: TaskTab; cursor?: string; now?: Date } = {},
): Promise<MyTasks> {
  assertRole(actor, 'worker');
  const now = opts.now ?? new Date();
  const tab = opts.tab ?? 'active';
  const { timeZone } = await getSettings(db);
  const dayStart = startOfZonedDay(now, timeZone);
  const w = toWallTime(now, timeZone);
  const dayEnd = fromWallTime({ year: w.year, month: w.month, day: w.day + 1, hour: 0, minute: 0 }, timeZone);
  const mine = eq(orders.workerId, actor.id);
  const inTab = and(mine, inArray(orders.status, tabStatuses[tab]));
  const direction = tab === 'active' ? 'asc' : 'desc';
  const order = direction === 'asc' ? asc : desc;
  const key = decodeCursor(opts.cursor, 2);
  const [today, rows, count, released] = await Promise.all([
    taskQuery(db)
      .where(
        and(
          mine,
          gte(orders.scheduledStart, dayStart),
          lt(orders.scheduledStart, dayEnd),
          inArray(orders.status, ['assigned', 'in_progress', 'completed']),
        ),
      )
      .orderBy(asc(orders.scheduledStart)),
    taskQuery(db)
      .where(and(inTab, afterCursor([orders.scheduledStart, orders.id], key, ['timestamptz', 'uuid'], direction)))
      .orderBy(order(orders.scheduledStart), order(orders.id))
      .limit(TASKS_PAGE_SIZE + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(orders)
        .where(inTab),
    ),
    // Only the cancelled tab shows what was taken away; the latest 50 are plenty to explain a change of plan.
    tab !== 'cancelled'
      ? []
      : db
          .select({
            orderId: orders.id,
            number: orders.number,
            scheduledStart: orders.scheduledStart,
            address: orders.address,
            serviceRu: services.nameRu,
            serviceEn: services.nameEn,
            kind: workerTaskReleases.kind,
            reason: workerTaskReleases.reason,
            at: workerTaskReleases.at,
          })
          .from(workerTaskReleases)
          .innerJoin(orders, eq(orders.id, workerTaskReleases.orderId))
          .innerJoin(services, eq(services.id, orders.serviceId))
          .where(eq(workerTaskReleases.workerId, actor.id))
          .orderBy(desc(workerTaskReleases.at))
          .limit(50),
  ]);
  return {
    today: today.map(toDto),
    list: toPage(rows, TASKS_PAGE_SIZE, (r) => [r.scheduledStart.toISOString(), r.id], toDto, count),
    released: released.map((r) => ({
      orderId: r.orderId,
      number: r.number,
      scheduledStart: r.scheduledStart,
      address: r.address,
      service: { ru: r.serviceRu, en: r.serviceEn },
      kind: r.kind,
      reason: r.reason,
      at: r.at,
    })),
  };
}

/** One of the worker's own tasks; anyone else's (or a task taken away from them) is not found. */
export async function getMyTask(db: Db, actor: Actor, orderId: string, now = new Date()): Promise<TaskDto> {
  assertRole(actor, 'worker');
  const [[row], { workerStartWindow }] = await Promise.all([
    taskQuery(db).where(and(eq(orders.id, orderId), eq(orders.workerId, actor.id))),
    getSettings(db),
  ]);
  if (!row) throw notFound('errors.orderNotFound');
  // The client's phone is the worker's from the moment they may confirm the start until the work is done.
  const windowOpens = row.scheduledStart.getTime() - workerStartWindow.beforeMinutes * 60_000;
  const reachable = now.getTime() >= windowOpens && (row.status === 'assigned' || row.status === 'in_progress');
  return { ...toDto(row), contactPhone: reachable ? row.contactPhone : null };
}

export type StartResult = { startedAt: Date; late: boolean; lateMinutes: number };

/** One confirmation of a batch: the worker who taps, their task, and when. */
export type TaskConfirmation = { actor: Actor; orderId: string; at: Date };

/**
 * The batch's tasks as their workers' task pages show them: one read, in the batch's order. A task that is
 * not the confirming worker's is not found, as on the task page.
 */
async function tasksOf(db: Db, items: readonly TaskConfirmation[]) {
  for (const { actor } of items) assertRole(actor, 'worker');
  const ids = items.map((i) => i.orderId);
  const rows = await db
    .select({
      id: orders.id,
      workerId: orders.workerId,
      status: orders.status,
      scheduledStart: orders.scheduledStart,
      scheduledEnd: orders.scheduledEnd,
      checklist: services.checklist,
      serviceExtras: services.extras,
      options: orders.options,
    })
    .from(orders)
    .innerJoin(services, eq(services.id, orders.serviceId))
    .where(ids.length === 1 ? eq(orders.id, ids[0]) : inArray(orders.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.map(({ actor, orderId }) => {
    const row = byId.get(orderId);
    if (!row || row.workerId !== actor.id) throw notFound('errors.orderNotFound');
    return { ...row, checklist: scopeChecklist(row.checklist, orderScope(row.options, row.serviceExtras)) };
  });
}

/**
 * Confirms the start: inside the window (a setting), then the 'start' transition with the exact time and
 * the late flag in the event. A second tap finds the order in progress and gets the state machine's
 * "already started" — never a second event.
 */
export async function startTask(db: Db, actor: Actor, orderId: string, now = new Date()): Promise<StartResult> {
  const [result] = await startTasks(db, [{ actor, orderId, at: now }]);
  return result;
}

/**
 * Several workers' start confirmations committed together, all or nothing, each checked as `startTask`
 * checks it (the worker's own task, assigned, inside its window at its own time); the first refusal throws
 * and nothing is written. One transition batch, so the reactions (lateness fines, the statistics, the
 * clients' emails) work set-wise. `startTask` is the one-item case.
 */
export async function startTasks(db: Db, items: readonly TaskConfirmation[]): Promise<StartResult[]> {
  if (items.length === 0) return [];
  const tasks = await tasksOf(db, items);
  const { workerStartWindow } = await getSettings(db);
  const results = tasks.map((task, i) => {
    if (task.status !== 'assigned')
      throw new DomainError('invalid_transition', `errors.transition.start.${task.status}`);
    const now = items[i].at;
    const check = checkStartWindow(now, task.scheduledStart, task.scheduledEnd, workerStartWindow);
    if (!check.ok)
      throw new DomainError(
        'conflict',
        check.reason === 'too_early' ? 'workers.errors.tooEarly' : 'workers.errors.tooLate',
      );
    return { startedAt: now, late: check.late, lateMinutes: check.lateMinutes };
  });
  await transitionOrders(
    db,
    items[0].actor,
    'start',
    items.map(({ actor, orderId, at }, i) => ({
      orderId,
      actor,
      at,
      set: { startedAt: at },
      data: { late: results[i].late, lateMinutes: results[i].lateMinutes },
    })),
  );
  return results;
}

/** Confirms the finish: only after start, with every checklist item ticked; the note goes in the event. */
export async function finishTask(
  db: Db,
  actor: Actor,
  orderId: string,
  input: { ticked: string[]; note?: string },
  now = new Date(),
): Promise<void> {
  await finishTasks(db, [{ actor, orderId, at: now, ...input }]);
}

/**
 * Several workers' finish confirmations committed together, all or nothing, each checked as `finishTask`
 * checks it (the worker's own task, in progress, every checklist item ticked). One transition batch: the
 * ledger entries, supply usage and emails of all of them are written set-wise. `finishTask` is the
 * one-item case.
 */
export async function finishTasks(
  db: Db,
  items: readonly (TaskConfirmation & { ticked: string[]; note?: string })[],
): Promise<void> {
  if (items.length === 0) return;
  const tasks = await tasksOf(db, items);
  const changes = tasks.map((task, i) => {
    const { orderId, actor, at, ticked } = items[i];
    if (task.status !== 'in_progress')
      throw new DomainError('invalid_transition', `errors.transition.finish.${task.status}`);
    if (missingChecklistItems(task.checklist, ticked).length)
      throw validationFailed({ ticked: 'workers.errors.checklistIncomplete' }, 'workers.errors.checklistIncomplete');
    const note = items[i].note?.trim() ?? '';
    return {
      orderId,
      actor,
      at,
      reason: note || undefined,
      set: { finishedAt: at },
      data: { checklist: task.checklist.map((c) => c.code), note },
    };
  });
  await transitionOrders(db, items[0].actor, 'finish', changes);
}

/**
 * Declines an assigned task before it starts: the order goes back to matching without this worker (the
 * price is recomputed at the next match), and matching runs for it after the commit.
 */
export async function declineTask(
  db: Db,
  actor: Actor,
  orderId: string,
  input: { reasonCode: DeclineReasonCode; note?: string },
  now = new Date(),
): Promise<void> {
  const task = await getMyTask(db, actor, orderId);
  if (task.status !== 'assigned')
    throw new DomainError('invalid_transition', `errors.transition.decline.${task.status}`);
  const note = input.note?.trim() ?? '';
  await transitionOrder(db, actor, orderId, 'decline', {
    at: now,
    reason: note ? `${input.reasonCode}: ${note}` : input.reasonCode,
    set: { workerId: null, priceLines: null, priceTotal: null },
    data: { reasonCode: input.reasonCode, hoursBeforeStart: hoursBefore(now, task.scheduledStart), note },
  });
  requestMatching([orderId]);
}

/** Sum of pay for the worker's orders completed this company month (pay not yet computed counts as 0). */
export async function earningsThisMonth(
  db: Db,
  actor: Actor,
  now = new Date(),
): Promise<{ total: number; orders: number; unpriced: number; currency: string }> {
  assertRole(actor, 'worker');
  const { timeZone, currency } = await getSettings(db);
  const w = toWallTime(now, timeZone);
  const from = fromWallTime({ year: w.year, month: w.month, day: 1, hour: 0, minute: 0 }, timeZone);
  const to = fromWallTime(
    { year: w.month === 12 ? w.year + 1 : w.year, month: w.month === 12 ? 1 : w.month + 1, day: 1, hour: 0, minute: 0 },
    timeZone,
  );
  const [row] = await db
    .select({
      total: sql<string>`coalesce(sum(${orders.payTotal}), 0)`,
      n: sql<number>`count(*)::int`,
      unpriced: sql<number>`count(*) filter (where ${orders.payTotal} is null)::int`,
    })
    .from(orders)
    .where(
      and(
        eq(orders.workerId, actor.id),
        eq(orders.status, 'completed'),
        gte(orders.finishedAt, from),
        lt(orders.finishedAt, to),
      ),
    );
  return { total: Number(row.total), orders: row.n, unpriced: row.unpriced, currency };
}
