import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { and, asc, count, eq, gte, inArray, lt, lte, sum } from 'drizzle-orm';
import type { Db } from '@/db';
import type { ChecklistItem, ServiceExtra } from '@/db/schema/catalog';
import { orders, qualityForms, services, users, workerProfiles, zones } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { DomainError } from '@/lib/errors';
import {
  approvePayrollRun,
  estimateDuration,
  listInvoicesAdmin,
  listPayrollRuns,
  markPayrollPaid,
  recordManualAdjustment,
} from '@/lib/finance';
import { dispatch } from '@/lib/matching';
import {
  cancelOrder,
  createOrder,
  orderScope,
  rateOrder,
  rescheduleOrder,
  scopeChecklist,
  type CancellationReasonCode,
} from '@/lib/orders';
import { recordBankTransfer } from '@/lib/payments';
import { createPlan, endPlan } from '@/lib/plans';
import { confirmOrders, failOrder, fillQualityForm } from '@/lib/quality';
import { runJob } from '@/lib/scheduler';
import { getSettings, withSettingsPinned } from '@/lib/settings';
import { issueToWorker, listSupplies, moveStock } from '@/lib/supplies';
import { addDays, fromWallTime, parseDateString, toDateString, toWallTime } from '@/lib/time';
import { finishTasks, startTasks, type TaskConfirmation } from '@/lib/workers';
import { addDemoClients, addDemoWorkers, type DemoClient } from './large-people';
import { runChains, type Step } from './lanes';
import { createRng } from './prng';

/**
 * The large demo: six months of a Moscow cleaning company replayed day by day on a simulated clock, on top
 * of the small demo. Every change goes through the product's own module functions with their `now`
 * parameter (bookings, plans and their daily job, the evening dispatch, workers starting and finishing,
 * cancellations under the policy, failures and reviews, ratings and follow-up calls, weekly invoices and
 * bank transfers, monthly payroll approved and paid, bonuses, supplies), so the ledger, the invoices and
 * the order events are exactly what the product would have written. The simulation reads the orders table
 * only to know what is on each day. Deterministic for one seed and one anchor day (ids are random).
 */
export type LargeDemoOptions = {
  /** 1 = the full company (about 400 clients, 6,000 orders); tests use a fraction of the same code path. */
  scale?: number;
  /** Days of history before the anchor day (default 182, six months). */
  days?: number;
  seed?: number;
  /** The anchor: history runs up to this instant (default: now). */
  now?: Date;
  onProgress?: (line: string) => void;
  /**
   * Transactions run at once for a day's work (different workers' orders side by side); default 1. Worth
   * it on PostgreSQL with a pool of at least this many connections; PGlite runs one at a time anyway.
   */
  concurrency?: number;
  /**
   * Statements run so far by phase, kept by the caller (seed-cli counts them with connect's onQuery and
   * demoPhase()); printed with the progress lines.
   */
  queriesByPhase?: ReadonlyMap<string, number>;
};

const phase = new AsyncLocalStorage<string>();
/** The large demo's phase the current code runs in (for counting its statements), or undefined. */
export const demoPhase = (): string | undefined => phase.getStore();

export type LargeDemoSummary = {
  workers: number;
  clients: number;
  plans: number;
  bookings: number;
  refusedBookings: number;
  /** Orders no worker could take, moved to another day with the client. */
  rescheduled: number;
  completed: number;
  cancelled: number;
  failed: number;
  lateStarts: number;
  ratings: number;
  forms: number;
  invoices: number;
  payments: number;
  payrollRuns: number;
};

const HOUR = 3_600_000;
const WORKERS_IN_ALL = 25;
const CLIENTS_IN_ALL = 400;
/**
 * One-off bookings a day before the weekday and season factors, at scale 1. With the plans' ramp below
 * (240 plans, about half a visit a week each, 40 % of them from the first fortnight and the rest signed up
 * evenly until the last six weeks) the six months hold about 6,000 orders: 20 × 0.97 (season and weekday,
 * June to December) ≈ 19.4 one-offs and 18 × 0.74 (the plans' average share in force) ≈ 13.4 visits a day,
 * × 182 ≈ 5,970. The peak (October and November) is then about 21 one-offs and 17 visits, 38 a day, which 25
 * workers mostly take: clients also book afternoon and early-evening slots (a third job on a 08:00–20:00 day),
 * after-renovation orders are rare and workers cover most zones. Measured (README): 5,860 orders due, 3.5 %
 * cancelled for want of a worker, 10.5 % cancelled in all.
 */
const ONE_OFFS_PER_DAY = 20;
/** Share of the plans that already run in the history's first fortnight; the rest start spread over it. */
const EARLY_PLANS = 0.4;
/** The last plans are signed this far into the history (its share). */
const PLANS_SIGNED_BY = 0.75;
/** Share of clients on a recurring plan. */
const PLAN_SHARE = 0.6;

/** Busier before the New Year and in spring, quieter in the summer (dachas and holidays). */
const seasonByMonth = [0, 0.9, 0.95, 1.05, 1.15, 1.1, 0.9, 0.85, 0.9, 1.0, 1.0, 1.05, 1.15];
/** By ISO weekday (1 = Monday): Friday and Saturday are the busy days, Sunday is quiet. */
const weekdayFactor = [0, 1.0, 0.95, 1.0, 1.05, 1.2, 1.35, 0.55];

type ServiceInfo = Parameters<typeof estimateDuration>[0] & {
  id: string;
  code: string;
  checklist: ChecklistItem[];
  extras: ServiceExtra[];
};
type Fate = 'ok' | 'cancel_free' | 'cancel_late' | 'cancel_last' | 'no_show' | 'unreachable' | 'review_fail';
type Booking = { at: Date; client: DemoClient; serviceCode: string; date: string; onBehalf: boolean };
type DayOrder = {
  id: string;
  status: string;
  serviceId: string;
  options: Record<string, unknown>;
  clientId: string;
  workerId: string | null;
  scheduledStart: Date;
  scheduledEnd: Date;
  bookedAt: Date;
};

const cancelReasons: (readonly [CancellationReasonCode, number])[] = [
  ['plans_changed', 40],
  ['wrong_time', 20],
  ['found_other', 10],
  ['too_expensive', 10],
  ['other', 20],
];
/**
 * Start hours clients choose, by weight: mornings mostly, then early afternoon, and after work (a short
 * clean from 16:00 or 17:00 still ends by 20:00), so a worker's long day holds three jobs, not two.
 */
const startHours: (readonly [number, number])[] = [
  [9, 30],
  [10, 10],
  [11, 4],
  [12, 8],
  [13, 10],
  [14, 12],
  [15, 9],
  [16, 9],
  [17, 8],
];
const otherComments = ['Заболел ребёнок', 'Уезжаем на дачу', 'Задержали на работе', 'Ремонт ещё не закончен'];
const goodComments = ['Всё отлично, спасибо!', 'Очень чисто', 'Аккуратно и быстро', '', '', ''];
const poorComments = ['Пыль на шкафах осталась', 'Опоздала и не предупредила', 'Окна в разводах'];

const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const isKnown = (e: unknown) => e instanceof DomainError;

export async function seedLargeDemo(db: Db, opts: LargeDemoOptions = {}): Promise<LargeDemoSummary> {
  // The demo never changes the settings: read them once, not in each of its thousands of transactions.
  return withSettingsPinned(db, () => replay(db, opts));
}

async function replay(db: Db, opts: LargeDemoOptions): Promise<LargeDemoSummary> {
  const scale = opts.scale ?? 1;
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const days = opts.days ?? 182;
  const anchor = opts.now ?? new Date();
  const rng = createRng(opts.seed ?? 17);
  const say = opts.onProgress ?? (() => {});
  const settings = await getSettings(db);
  const tz = settings.timeZone;
  const lastDay = toDateString(anchor, tz);
  const firstDay = addDays(lastDay, -days);
  const at = (day: string, hour: number, minute = 0) => fromWallTime({ ...parseDateString(day), hour, minute }, tz);
  // Where the time goes, by phase (printed with the progress lines).
  const spent = new Map<string, number>();
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await phase.run(name, work);
    } finally {
      spent.set(name, (spent.get(name) ?? 0) + performance.now() - t0);
    }
  };
  const summary: LargeDemoSummary = {
    workers: 0,
    clients: 0,
    plans: 0,
    bookings: 0,
    refusedBookings: 0,
    rescheduled: 0,
    completed: 0,
    cancelled: 0,
    failed: 0,
    lateStarts: 0,
    ratings: 0,
    forms: 0,
    invoices: 0,
    payments: 0,
    payrollRuns: 0,
  };

  // Who and what the small demo already has (read once; the simulation writes only through the modules).
  const staff = await db
    .select({ id: users.id, role: users.role, name: users.name, email: users.email })
    .from(users)
    .where(inArray(users.email, ['admin@brigada.local', 'manager@brigada.local']));
  const asActor = (u: { id: string; role: Actor['role']; name: string; email: string }): Actor => ({
    ...u,
    locale: 'ru',
  });
  const admin = asActor(staff.find((u) => u.role === 'admin')!);
  const manager = asActor(staff.find((u) => u.role === 'manager')!);
  const zoneIds = Object.fromEntries(
    (await db.select({ id: zones.id, code: zones.code }).from(zones)).map((z) => [z.code, z.id]),
  );
  const serviceRows: ServiceInfo[] = await db
    .select({
      id: services.id,
      code: services.code,
      pricingUnit: services.pricingUnit,
      baseMinutes: services.baseMinutes,
      minutesPerUnitX100: services.minutesPerUnitX100,
      extras: services.extras,
      checklist: services.checklist,
    })
    .from(services);
  const serviceBy = new Map(serviceRows.map((s) => [s.code, s]));
  const serviceById = new Map(serviceRows.map((s) => [s.id, s]));
  const [followUp] = await db
    .select({ id: qualityForms.id })
    .from(qualityForms)
    .where(eq(qualityForms.purpose, 'follow_up'))
    .limit(1);

  // People, planned a week before the history starts.
  const planAt = at(addDays(firstDay, -7), 10);
  const existingWorkers = await db.select({ id: workerProfiles.userId }).from(workerProfiles);
  say(`workers: inviting ${WORKERS_IN_ALL - existingWorkers.length}`);
  const added = await timed('people', () =>
    addDemoWorkers(db, admin, rng, {
      count: Math.max(0, WORKERS_IN_ALL - existingWorkers.length),
      password: 'brigada2026',
      planAt,
      firstDay,
      lastDay,
      zoneIds,
      concurrency,
    }),
  );
  const reliability = new Map<string, number>(added.map((w) => [w.id, w.reliability]));
  const workerIds = [...existingWorkers.map((w) => w.id), ...added.map((w) => w.id)];
  summary.workers = workerIds.length;
  const clientCount = Math.max(10, Math.round((CLIENTS_IN_ALL - 1) * scale));
  say(`clients: creating ${clientCount}`);
  const clients = await timed('people', () =>
    addDemoClients(db, manager, rng, { count: clientCount, at: planAt, zoneIds, concurrency }),
  );
  // The demo client (the published login) books now and then too, so their pages have a history.
  const [demoClient] = await db
    .select({ id: users.id, phone: users.phone })
    .from(users)
    .where(eq(users.email, 'client@brigada.local'));
  if (demoClient)
    clients.push({
      id: demoClient.id,
      zoneId: zoneIds.center,
      zoneCode: 'center',
      address: 'Москва, ул. Тверская, д. 7, кв. 12',
      phone: demoClient.phone ?? '+7 916 555-12-34',
      areaM2: 50,
      rooms: 2,
      bathrooms: 1,
    });
  summary.clients = clients.length;
  const clientActor = new Map<string, Actor>(
    clients.map((c) => [c.id, { id: c.id, role: 'client', name: '', email: '', locale: 'ru' }]),
  );

  // Stock for six months: a delivery now and then every month; each worker gets a weekly kit.
  const supplyList = await listSupplies(db, admin, { activeOnly: true });
  const deliver = async (now: Date) => {
    for (const s of supplyList)
      await moveStock(
        db,
        admin,
        {
          supplyId: s.id,
          kind: 'received',
          quantity: Math.round(s.unitCost > 5000 ? 400 * scale + 60 : 2000 * scale + 200),
          note: 'Поставка',
        },
        now,
      );
  };
  await deliver(planAt);

  // Recurring plans: who, how often, from when; a few end later (moved away, stopped).
  const shuffled = [...clients].sort(() => rng.next() - 0.5);
  const planClients = shuffled.slice(0, Math.round(clients.length * PLAN_SHARE));
  const planClientIds = new Set(planClients.map((c) => c.id));
  // Keyed by the day the client calls; the first visit is a few days later.
  const plansByDay = new Map<
    string,
    { client: DemoClient; repeat: 'w1' | 'w2' | 'w4'; code: string; first: string; at: Date }[]
  >();
  for (const client of planClients) {
    // A realistic ramp: the regulars of the first fortnight, then new plans signed up week by week until the
    // last six weeks (gentle enough that the autumn's demand stays within the crew's days).
    const callIn = rng.chance(EARLY_PLANS)
      ? rng.int(0, 12)
      : rng.int(12, Math.max(13, Math.round(days * PLANS_SIGNED_BY)));
    const day = addDays(firstDay, callIn);
    const list = plansByDay.get(day) ?? [];
    list.push({
      first: addDays(day, rng.int(2, 5)),
      at: at(day, rng.int(9, 19), rng.int(0, 59)),
      client,
      repeat: rng.weighted([
        ['w1', 2],
        ['w2', 5],
        ['w4', 3],
      ] as const),
      code: rng.chance(0.85) ? 'regular' : 'deep',
    });
    plansByDay.set(day, list);
  }
  const endings = new Map<string, string[]>();

  const fates = new Map<string, Fate>();
  const fateOf = (id: string, leadDays: number): Fate => {
    let fate = fates.get(id);
    if (!fate) {
      fate = rng.weighted<Fate>([
        // About 7.5 % cancelled by clients (free, late fee, last-minute fee) and 3 % failed; with the few
        // that find no worker, about 10 % of orders end cancelled.
        ['ok', 895],
        ['cancel_free', 45],
        ['cancel_late', 22],
        ['cancel_last', 8],
        ['no_show', 12],
        ['unreachable', 6],
        ['review_fail', 12],
      ]);
      // A booking for tomorrow cannot be cancelled two days ahead.
      if (fate === 'cancel_free' && leadDays < 2) fate = 'cancel_late';
      fates.set(id, fate);
    }
    return fate;
  };

  // One-off bookings, by the day they are made.
  const bookingsByDay = new Map<string, Booking[]>();
  const oneOffClients = clients.map((c) => [c, planClientIds.has(c.id) ? 1 : 4] as const);
  for (let d = 1; d <= days + 7; d++) {
    const date = addDays(firstDay, d);
    const { month } = parseDateString(date);
    const weekday = toWallTime(at(date, 12), tz).weekday;
    const mean = ONE_OFFS_PER_DAY * scale * seasonByMonth[month] * weekdayFactor[weekday];
    const count = Math.max(0, Math.round(mean * (0.8 + rng.next() * 0.4)));
    for (let k = 0; k < count; k++) {
      const lead = rng.weighted([
        [1, 30],
        [2, 15],
        [3, 15],
        [5, 20],
        [9, 12],
        [14, 8],
      ] as const);
      const bookDay = addDays(date, -lead);
      if (bookDay < firstDay || bookDay > lastDay) continue;
      const booking: Booking = {
        at: at(bookDay, rng.int(8, 21), rng.int(0, 59)),
        client: rng.weighted(oneOffClients),
        // After-renovation cleaning (seven hours, seniors only: about five on a day) is the rare order; at 8 %
        // a third of them found nobody in the autumn.
        serviceCode: rng.weighted([
          ['regular', 58],
          ['deep', 20],
          ['windows', 17],
          ['renovation', 5],
        ] as const),
        date,
        onBehalf: rng.chance(0.3),
      };
      const list = bookingsByDay.get(bookDay) ?? [];
      list.push(booking);
      bookingsByDay.set(bookDay, list);
    }
  }

  const orderInput = (client: DemoClient, code: string, date: string) => {
    const service = serviceBy.get(code)!;
    const options = { areaM2: client.areaM2, rooms: client.rooms, bathrooms: client.bathrooms, extras: [] as string[] };
    const minutes = estimateDuration(service, options);
    const latest = Math.floor((20 * 60 - minutes) / 30) * 30;
    // Clients pick the usual slots (startHours); a long job is pulled earlier so it ends by 20:00.
    const start = Math.max(9 * 60, Math.min(latest, 60 * rng.weighted(startHours)));
    return {
      serviceId: service.id,
      areaM2: client.areaM2,
      rooms: client.rooms,
      bathrooms: client.bathrooms,
      extras: [],
      zoneId: client.zoneId,
      address: client.address,
      date,
      time: `${String(Math.floor(start / 60)).padStart(2, '0')}:${String(start % 60).padStart(2, '0')}`,
      accessNotes: rng.chance(0.3) ? `Код домофона ${rng.int(10, 99)}К` : '',
      contactPhone: client.phone,
    };
  };

  const ordersOn = async (day: string): Promise<DayOrder[]> =>
    db
      .select({
        id: orders.id,
        status: orders.status,
        serviceId: orders.serviceId,
        options: orders.options,
        clientId: orders.clientId,
        workerId: orders.workerId,
        scheduledStart: orders.scheduledStart,
        scheduledEnd: orders.scheduledEnd,
        bookedAt: orders.bookedAt,
      })
      .from(orders)
      .where(and(gte(orders.scheduledStart, at(day, 0)), lt(orders.scheduledStart, at(addDays(day, 1), 0))))
      .orderBy(asc(orders.scheduledStart), asc(orders.id));

  /**
   * The cancellation of `o` at `when`, its reason drawn now (so the draws do not depend on when the step
   * runs), or null when it cannot happen (before the booking, after the anchor, no actor).
   */
  const cancelStep = (o: DayOrder, when: Date, byManager = false): Step | null => {
    if (when <= o.bookedAt || when > anchor) return null;
    const reasonCode = byManager ? 'no_worker_yet' : rng.weighted(cancelReasons);
    const actor = byManager ? manager : (clientActor.get(o.clientId) ?? null);
    if (!actor) return null;
    const comment = reasonCode === 'other' ? rng.pick(otherComments) : '';
    return async () => {
      try {
        await cancelOrder(
          db,
          actor,
          {
            orderId: o.id,
            reasonCode,
            comment,
            waiveFee: byManager,
            waiveReason: byManager ? 'Не нашли исполнителя' : '',
          },
          when,
        );
        summary.cancelled++;
      } catch (e) {
        if (!isKnown(e)) throw e;
      }
    };
  };

  const payments = new Map<string, { invoiceId: string; amount: number; ref: string }[]>();
  const payrollSteps = new Map<string, { runId: string; step: 'approve' | 'pay' }[]>();
  const completedBy = new Map<string, number>();
  const moved = new Set<string>();

  for (let d = 0; d <= days; d++) {
    const day = addDays(firstDay, d);
    const weekday = toWallTime(at(day, 12), tz).weekday;
    const { day: dom } = parseDateString(day);

    // Monday: last week's invoices; clients pay by bank transfer over the following days (some late, a few never).
    if (weekday === 1 && d >= 7) {
      const week = addDays(day, -7);
      await timed('invoices', () => runJob(db, 'invoices', { now: at(day, 5), period: week }));
      let cursor: string | undefined;
      do {
        const page = await timed('invoices', () => listInvoicesAdmin(db, admin, { from: week, cursor }));
        for (const inv of page.items) {
          if (inv.periodFrom !== week || inv.outstanding <= 0) continue;
          summary.invoices++;
          const r = rng.next();
          const payDay = r < 0.8 ? addDays(day, rng.int(1, 6)) : r < 0.93 ? addDays(inv.dueDate, rng.int(3, 20)) : null;
          if (!payDay) continue;
          const list = payments.get(payDay) ?? [];
          list.push({ invoiceId: inv.id, amount: inv.outstanding, ref: `ПП-${inv.number}` });
          payments.set(payDay, list);
        }
        cursor = page.next ?? undefined;
      } while (cursor);
      // The weekly kit.
      for (const workerId of workerIds)
        for (const s of supplyList) {
          const quantity = s.unitCost > 5000 ? 2 : 6;
          try {
            await timed('supplies', () =>
              issueToWorker(db, admin, { supplyId: s.id, workerId, quantity, note: 'Недельный набор' }, at(day, 8)),
            );
          } catch (e) {
            if (!isKnown(e)) throw e;
          }
        }
    }
    // The 1st: last month's payroll (approved on the 3rd, paid on the 5th), bonuses for the busiest, a delivery.
    if (dom === 1 && d > 0) {
      const month = addDays(day, -1).slice(0, 7);
      await timed('payroll', () => runJob(db, 'payroll', { now: at(day, 6), period: month }));
      const run = (await timed('payroll', () => listPayrollRuns(db, admin))).items.find((r) => r.period === month);
      if (run && run.status === 'draft') {
        summary.payrollRuns++;
        payrollSteps.set(addDays(day, 2), [{ runId: run.id, step: 'approve' }]);
        payrollSteps.set(addDays(day, 4), [{ runId: run.id, step: 'pay' }]);
      }
      const busiest = [...completedBy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
      for (const [workerId, n] of busiest)
        await timed('payroll', () =>
          recordManualAdjustment(
            db,
            admin,
            {
              kind: 'bonus',
              subjectId: workerId,
              amount: 300_000,
              reason: `Премия за месяц ${month}: ${n} заказов`,
              requestId: crypto.randomUUID(),
            },
            at(day, 9),
          ),
        );
      completedBy.clear();
      await timed('supplies', () => deliver(at(day, 10)));
    }
    for (const step of payrollSteps.get(day) ?? []) {
      if (at(day, 11) > anchor) continue;
      await timed('payroll', async () => {
        if (step.step === 'approve') await approvePayrollRun(db, admin, step.runId, at(day, 11));
        else await markPayrollPaid(db, admin, step.runId, at(day, 11));
      });
    }
    for (const p of payments.get(day) ?? []) {
      await timed('payments', () =>
        recordBankTransfer(db, admin, {
          invoiceId: p.invoiceId,
          amount: money(p.amount),
          reference: p.ref,
          receivedOn: day,
        }),
      );
      summary.payments++;
    }

    // New plans, then the daily plans job places visits up to its horizon.
    for (const p of plansByDay.get(day) ?? []) {
      if (p.at > anchor) continue;
      try {
        const { planId } = await timed('plans', () =>
          createPlan(
            db,
            manager,
            { ...orderInput(p.client, p.code, p.first), repeat: p.repeat, holidayRule: 'move' },
            { now: p.at, match: false, clientId: p.client.id },
          ),
        );
        summary.plans++;
        if (rng.chance(0.1)) {
          const end = addDays(day, rng.int(30, days));
          if (end < lastDay) endings.set(end, [...(endings.get(end) ?? []), planId]);
        }
      } catch (e) {
        if (!isKnown(e)) throw e;
      }
    }
    for (const planId of endings.get(day) ?? []) await timed('plans', () => endPlan(db, manager, planId, at(day, 10)));
    await timed('plans', () => runJob(db, 'plans', { now: at(day, 6, 30), period: day }));

    // Cancellations ahead of the day: two days ahead (free), the evening before (the late fee); each order's
    // on its own, side by side.
    const ahead: Step[][] = [];
    for (const o of await ordersOn(addDays(day, 2))) {
      if (o.status !== 'pending' && o.status !== 'assigned') continue;
      const lead = (o.scheduledStart.getTime() - o.bookedAt.getTime()) / (24 * HOUR);
      const step = fateOf(o.id, lead) === 'cancel_free' ? cancelStep(o, at(day, rng.int(9, 20))) : null;
      if (step) ahead.push([step]);
    }
    for (const o of await ordersOn(addDays(day, 1))) {
      if (o.status !== 'pending' && o.status !== 'assigned') continue;
      const lead = (o.scheduledStart.getTime() - o.bookedAt.getTime()) / (24 * HOUR);
      const step =
        fateOf(o.id, lead) === 'cancel_late'
          ? cancelStep(o, new Date(o.scheduledStart.getTime() - rng.int(3, 20) * HOUR))
          : null;
      if (step) ahead.push([step]);
    }
    await timed('cancel', () => runChains(ahead, concurrency));

    // The day's work. Each order's fate is decided here, in order, with every random draw made now; then it
    // runs in rounds: last-minute cancellations and no-shows (each order on its own, side by side), every
    // worker's start confirmations of the day in one batch (lib/workers startTasks), the finishes likewise,
    // then ratings, follow-up calls and failed reviews (each order on its own), and the manager's
    // confirmations of the rest in one batch (lib/quality confirmOrders). Rounds keep each order's own
    // sequence; orders of one worker never depend on each other's order of confirmation. The same seed gives
    // the same company at any concurrency.
    const early: Step[][] = [];
    const starts: TaskConfirmation[] = [];
    const finishes: (TaskConfirmation & { ticked: string[] })[] = [];
    const aftercare: Step[][] = [];
    const confirms: { orderId: string; at: Date }[] = [];
    let lateToday = 0;
    for (const o of await ordersOn(day)) {
      if (o.scheduledStart > anchor) break;
      const lead = (o.scheduledStart.getTime() - o.bookedAt.getTime()) / (24 * HOUR);
      const fate = fateOf(o.id, lead);
      if (o.status === 'pending') {
        // Nobody was free, even after a move: the manager calls the client and cancels without a fee.
        const step = cancelStep(o, new Date(o.scheduledStart.getTime() - 3 * HOUR), true);
        if (step) early.push([step]);
        continue;
      }
      if (o.status !== 'assigned' || !o.workerId) continue;
      const workerId = o.workerId;
      if (fate === 'cancel_last') {
        const step = cancelStep(o, new Date(o.scheduledStart.getTime() - rng.int(30, 110) * 60_000));
        if (step) early.push([step]);
        continue;
      }
      if (fate === 'no_show' || fate === 'unreachable') {
        const when = new Date(o.scheduledStart.getTime() + 45 * 60_000);
        if (when > anchor) continue;
        early.push([
          async () => {
            await failOrder(
              db,
              manager,
              fate === 'no_show'
                ? { orderId: o.id, reasonCode: 'no_show', note: 'Исполнитель не приехал' }
                : {
                    orderId: o.id,
                    reasonCode: 'client_unreachable',
                    note: 'Клиент не открыл дверь и не отвечал',
                    chargeClient: true,
                    fineWorker: false,
                  },
              when,
            );
            summary.failed++;
          },
        ]);
        continue;
      }
      const worker: Actor = { id: workerId, role: 'worker', name: '', email: '', locale: 'ru' };
      const late = rng.chance(1 - (reliability.get(workerId) ?? 0.93) + 0.04);
      const startedAt = new Date(o.scheduledStart.getTime() + (late ? rng.int(6, 35) : rng.int(-15, 3)) * 60_000);
      if (startedAt > anchor) continue;
      starts.push({ actor: worker, orderId: o.id, at: startedAt });
      if (late) lateToday++;
      const planned = o.scheduledEnd.getTime() - o.scheduledStart.getTime();
      const finishedAt = new Date(startedAt.getTime() + planned * (0.92 + rng.next() * 0.2));
      if (finishedAt > anchor) continue;
      // What the worker's task page lists to tick: the service's checklist and an item per extra bought.
      const service = serviceById.get(o.serviceId)!;
      const ticked = scopeChecklist(service.checklist, orderScope(o.options, service.extras)).map((c) => c.code);
      finishes.push({ actor: worker, orderId: o.id, at: finishedAt, ticked });
      completedBy.set(workerId, (completedBy.get(workerId) ?? 0) + 1);

      const care: Step[] = [];
      const client = clientActor.get(o.clientId);
      const poor = fate === 'review_fail';
      const rating = poor
        ? rng.int(1, 2)
        : late
          ? rng.weighted([
              [5, 4],
              [4, 4],
              [3, 2],
            ] as const)
          : rng.weighted([
              [5, 14],
              [4, 4],
              [3, 1],
            ] as const);
      const ratedAt = new Date(finishedAt.getTime() + rng.int(1, 30) * HOUR);
      if (client && (poor || rng.chance(0.7)) && ratedAt <= anchor) {
        const comment = rating <= 2 ? rng.pick(poorComments) : rng.pick(goodComments);
        care.push(async () => {
          await timed('rate', () => rateOrder(db, client, { orderId: o.id, rating, comment }, ratedAt));
          summary.ratings++;
        });
      }
      const reviewAt = new Date(finishedAt.getTime() + rng.int(16, 40) * HOUR);
      if (followUp && (poor || rng.chance(0.12)) && reviewAt <= anchor) {
        const answers = {
          on_time: !late,
          overall: poor ? rng.int(1, 2) : Math.max(3, rating),
          again: poor ? 'no' : rating >= 4 ? 'yes' : 'maybe',
          comment: poor ? rng.pick(poorComments) : '',
        };
        care.push(async () => {
          await fillQualityForm(db, manager, { orderId: o.id, formId: followUp.id, answers }, reviewAt);
          summary.forms++;
        });
      }
      // Orders of the last day and a half are left in the review queue, as a manager would find them.
      if (reviewAt.getTime() <= anchor.getTime() - 36 * HOUR) {
        if (poor) {
          const reasonCode = rng.chance(0.8) ? 'poor_quality' : 'damage';
          care.push(async () => {
            await failOrder(db, manager, { orderId: o.id, reasonCode, note: 'Жалоба клиента' }, reviewAt);
            summary.failed++;
          });
        } else confirms.push({ orderId: o.id, at: reviewAt });
      }
      if (care.length) aftercare.push(care);
    }
    const byTime = <T extends { at: Date }>(list: T[]) => list.sort((x, y) => x.at.getTime() - y.at.getTime());
    await timed('work', () => runChains(early, concurrency));
    await timed('start', () => startTasks(db, byTime(starts)));
    summary.lateStarts += lateToday;
    await timed('finish', () => finishTasks(db, byTime(finishes)));
    summary.completed += finishes.length;
    await timed('work', () => runChains(aftercare, concurrency));
    await timed('review', () => confirmOrders(db, manager, byTime(confirms)));

    // Bookings made today, in the order they came in: one client's one after another, different clients'
    // side by side (their inputs drawn here, in order).
    const bookings = new Map<string, Step[]>();
    for (const b of (bookingsByDay.get(day) ?? []).sort((x, y) => x.at.getTime() - y.at.getTime())) {
      if (b.at > anchor) continue;
      const input = orderInput(b.client, b.serviceCode, b.date);
      const actor = b.onBehalf ? manager : clientActor.get(b.client.id)!;
      bookings.set(b.client.id, [
        ...(bookings.get(b.client.id) ?? []),
        async () => {
          try {
            await createOrder(db, actor, input, {
              now: b.at,
              match: false,
              ...(b.onBehalf ? { clientId: b.client.id } : {}),
            });
            summary.bookings++;
          } catch (e) {
            if (!isKnown(e)) throw e;
            summary.refusedBookings++;
          }
        },
      ]);
    }
    await timed('book', () => runChains([...bookings.values()], concurrency));

    // The evening sweep matches everything pending within the horizon.
    const evening = at(day, 22);
    await timed('dispatch', () => dispatch(db, { now: evening < anchor ? evening : anchor, trigger: 'cron' }));

    // Still without a worker the evening before: the manager phones the client and moves the visit a few
    // days on, once (the next evenings' dispatch tries again); one moved before is cancelled on the day.
    const calledAt = at(day, 22, 15);
    const moves: Step[][] = [];
    for (const o of calledAt <= anchor ? await ordersOn(addDays(day, 1)) : []) {
      if (o.status !== 'pending' || moved.has(o.id) || calledAt <= o.bookedAt) continue;
      moved.add(o.id);
      const { hour, minute } = toWallTime(o.scheduledStart, tz);
      const input = {
        orderId: o.id,
        date: addDays(day, 1 + rng.int(2, 4)),
        time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
      };
      moves.push([
        async () => {
          try {
            await rescheduleOrder(db, manager, input, { now: calledAt, match: false });
            summary.rescheduled++;
          } catch (e) {
            if (!isKnown(e)) throw e;
          }
        },
      ]);
    }
    await timed('reschedule', () => runChains(moves, concurrency));

    if (d % 7 === 0 || d === days)
      say(
        `day ${d}/${days} ${day}: plans ${summary.plans}, bookings ${summary.bookings}, completed ${summary.completed}, ` +
          `cancelled ${summary.cancelled}, failed ${summary.failed}, invoices ${summary.invoices}, payments ${summary.payments}` +
          ` | ms ${[...spent].map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}` +
          (opts.queriesByPhase ? ` | queries ${[...opts.queriesByPhase].map(([k, v]) => `${k} ${v}`).join(', ')}` : ''),
      );
  }
  // The shares the issue asks for, over the orders of the history (those due by the anchor).
  const outcomes = await db
    .select({ status: orders.status, n: count(), fees: sum(orders.cancellationFee).mapWith(Number) })
    .from(orders)
    .where(lte(orders.scheduledStart, anchor))
    .groupBy(orders.status);
  const due = outcomes.reduce((a, r) => a + r.n, 0);
  const share = (status: string) => {
    const n = outcomes.find((r) => r.status === status)?.n ?? 0;
    return `${status} ${n} (${((100 * n) / Math.max(1, due)).toFixed(1)} %)`;
  };
  const fees = outcomes.find((r) => r.status === 'cancelled')?.fees ?? 0;
  say(
    `orders due by now ${due}: ${['completed', 'cancelled', 'failed'].map(share).join(', ')}; ` +
      `cancellation fees ${money(fees)} ${settings.currency}`,
  );
  return summary;
}
