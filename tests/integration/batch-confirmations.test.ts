// The batch entry points of a working day (lib/workers startTasks and finishTasks, lib/quality
// confirmOrders, over lib/orders transitionOrders with an actor and a time per item) must leave exactly what
// the same confirmations one by one leave: the orders, their events, the ledger, the pay, the fines, the supply
// usage with its shortfalls, the emails and the audit. Two identical crews do the same day, one with single
// calls and one with the batches; everything is compared with the worker and order ids replaced by their place.
import { describe, expect, it } from 'vitest';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { auditLog, notifications, orderEvents, orders, supplyMovements, workerSupplyHoldings } from '@/db/schema';
import { confirmOrder, confirmOrders } from '@/lib/quality';
import { createSupply, issueToWorker, setBillOfMaterials } from '@/lib/supplies';
import { finishTask, finishTasks, startTask, startTasks } from '@/lib/workers';
import { setupTestDb } from '../support/db';
import { createService, createUser, createWorker, createZone } from '../support/factories';
import { insertOrder } from '../support/workers-helpers';

const t = setupTestDb();
const MINUTE = 60_000;
const day = new Date('2026-12-01T06:00:00Z');

async function company() {
  const manager = await createUser(t.db, 'manager');
  const zone = await createZone(t.db);
  const service = await createService(t.db, {
    checklist: [
      { code: 'dust', ru: 'Пыль', en: 'Dust' },
      { code: 'floors', ru: 'Полы', en: 'Floors' },
    ],
  });
  const client = await createUser(t.db, 'client', { name: 'Иван Петров' });
  const spray = await createSupply(t.db, manager, {
    nameRu: 'Спрей',
    nameEn: 'Spray',
    unit: 'шт',
    unitEn: 'pcs',
    unitCostMinor: 20000,
    lowStockThreshold: 0,
  });
  const cloth = await createSupply(t.db, manager, {
    nameRu: 'Салфетка',
    nameEn: 'Cloth',
    unit: 'шт',
    unitEn: 'pcs',
    unitCostMinor: 5000,
    lowStockThreshold: 0,
  });
  await setBillOfMaterials(t.db, manager, service.id, [
    { supplyId: spray.id, quantity: 1 },
    { supplyId: cloth.id, quantity: 2 },
  ]);
  for (const supplyId of [spray.id, cloth.id])
    await t.db.execute(sql`update supplies set stock = 100 where id = ${supplyId}`);
  return { manager, zone, service, client, supplies: [spray.id, cloth.id] };
}

type Company = Awaited<ReturnType<typeof company>>;

/**
 * A crew of two workers with three orders each on one day: 08:00, 10:30 and 13:00, two hours each. Each worker
 * holds 2 sprays and 3 cloths, so the second order's cloths run short by 1 and the third's spray and
 * cloths by 1 and 2: the shortfalls depend on the order the finishes are applied in.
 */
async function crew(c: Company, payTotal: number) {
  const workers = [await createWorker(t.db), await createWorker(t.db)];
  const jobs = [];
  for (const w of workers) {
    await issueToWorker(t.db, c.manager, { supplyId: c.supplies[0], workerId: w.id, quantity: 2, note: '' });
    await issueToWorker(t.db, c.manager, { supplyId: c.supplies[1], workerId: w.id, quantity: 3, note: '' });
    for (const hours of [2, 4.5, 7]) {
      const start = new Date(day.getTime() + hours * 60 * MINUTE);
      const o = await insertOrder(t.db, {
        clientId: c.client.id,
        serviceId: c.service.id,
        zoneId: c.zone.id,
        workerId: w.id,
        start,
        payTotal,
      });
      jobs.push({ worker: w, order: o, start });
    }
  }
  return { workers, jobs };
}

/** The day's plan: the 10:30 jobs start 12 minutes late (beyond the grace: a lateness fine), the rest on time. */
const plan = (jobs: Awaited<ReturnType<typeof crew>>['jobs']) =>
  jobs.map((j, i) => {
    const late = i % 3 === 1;
    const startedAt = new Date(j.start.getTime() + (late ? 12 : -5) * MINUTE);
    return {
      actor: j.worker,
      orderId: j.order.id,
      startedAt,
      finishedAt: new Date(startedAt.getTime() + 110 * MINUTE),
      reviewedAt: new Date(startedAt.getTime() + 20 * 60 * MINUTE),
    };
  });

/** Everything the day left for a crew, with worker and order ids replaced by their place in the crew. */
async function outcome(crewOf: Awaited<ReturnType<typeof crew>>) {
  const ids = crewOf.jobs.map((j) => j.order.id);
  const place = new Map<string, string>([
    ...crewOf.workers.map((w, i) => [w.id, `worker${i}`] as const),
    ...ids.map((id, i) => [id, `order${i}`] as const),
    ...crewOf.jobs.map((j, i) => [j.order.number, `number${i}`] as const),
  ]);
  // Ids also inside strings (an entry's key names its order).
  const anon = (v: string) => [...place].reduce((s, [id, name]) => s.replaceAll(id, name), v);
  const orderRows = await t.db
    .select({
      id: orders.id,
      status: orders.status,
      startedAt: orders.startedAt,
      finishedAt: orders.finishedAt,
      payTotal: orders.payTotal,
      version: orders.version,
      updatedAt: orders.updatedAt,
    })
    .from(orders)
    .where(inArray(orders.id, ids));
  const events = await t.db
    .select({
      orderId: orderEvents.orderId,
      kind: orderEvents.kind,
      fromStatus: orderEvents.fromStatus,
      toStatus: orderEvents.toStatus,
      actorId: orderEvents.actorId,
      reason: orderEvents.reason,
      data: orderEvents.data,
      at: orderEvents.at,
    })
    .from(orderEvents)
    .where(inArray(orderEvents.orderId, ids))
    .orderBy(asc(orderEvents.at), asc(orderEvents.id));
  // Every posting of the crew's orders (completions and fines), by entry and account, owner ids replaced.
  const ledger = await rows<{
    order_id: string;
    key: string;
    kind: string;
    at: Date;
    owner: string | null;
    type: string;
    amount: string;
  }>(
    t.db,
    sql`select e.order_id, e.key, e.kind, e.at, a.owner_id as owner, a.type, p.amount::text as amount
          from journal_entries e join postings p on p.entry_id = e.id join ledger_accounts a on a.id = p.account_id
         where e.order_id in ${ids}
         order by e.key, a.type, p.amount`,
  );
  const fines = await rows<{ order_id: string; subject_id: string; amount: string; rule_code: string | null }>(
    t.db,
    sql`select order_id, subject_id, amount::text as amount, rule_code from adjustments where order_id in ${ids}
         order by order_id`,
  );
  const used = await t.db
    .select({
      orderId: supplyMovements.orderId,
      supplyId: supplyMovements.supplyId,
      quantity: supplyMovements.quantity,
      shortfall: supplyMovements.shortfall,
      workerId: supplyMovements.workerId,
      at: supplyMovements.at,
    })
    .from(supplyMovements)
    .where(inArray(supplyMovements.orderId, ids))
    .orderBy(asc(supplyMovements.id));
  const holdings = await t.db
    .select({
      workerId: workerSupplyHoldings.workerId,
      supplyId: workerSupplyHoldings.supplyId,
      quantity: workerSupplyHoldings.quantity,
    })
    .from(workerSupplyHoldings)
    .where(
      inArray(
        workerSupplyHoldings.workerId,
        crewOf.workers.map((w) => w.id),
      ),
    );
  const mails = await t.db
    .select({ kind: notifications.kind, userId: notifications.userId, data: notifications.data })
    .from(notifications)
    .where(sql`${notifications.data} -> 'order' ->> 'id' in ${ids}`);
  const audits = await t.db
    .select({ action: auditLog.action, entityId: auditLog.entityId, after: auditLog.after })
    .from(auditLog)
    .where(inArray(auditLog.entityId, ids));
  const byOrder = <T extends Record<string, unknown>>(list: T[], key: keyof T) =>
    list
      .map((r) => JSON.parse(JSON.stringify(r, (k, v) => (typeof v === 'string' ? anon(v) : v))) as T)
      .sort(
        (a, b) =>
          JSON.stringify(a[key]).localeCompare(JSON.stringify(b[key])) ||
          JSON.stringify(a).localeCompare(JSON.stringify(b)),
      );
  return {
    orders: byOrder(orderRows, 'id'),
    events: byOrder(events, 'orderId'),
    ledger: byOrder(ledger, 'key'),
    fines: byOrder(fines, 'order_id'),
    used: byOrder(used, 'orderId'),
    holdings: byOrder(holdings, 'workerId'),
    mails: byOrder(mails, 'kind'),
    audits: byOrder(audits, 'entityId'),
  };
}

describe('a working day confirmed in batches', () => {
  it('leaves the same orders, events, ledger, pay, fines, supply usage, emails and audit as one call per order', async () => {
    const c = await company();
    // Pay 150 000 per order (stored at matching); price 300 000 (insertOrder).
    const single = await crew(c, 150_000);
    const batched = await crew(c, 150_000);

    const one = plan(single.jobs);
    for (const p of one) await startTask(t.db, p.actor, p.orderId, p.startedAt);
    for (const p of one) await finishTask(t.db, p.actor, p.orderId, { ticked: ['dust', 'floors'] }, p.finishedAt);
    for (const p of one) await confirmOrder(t.db, c.manager, { orderId: p.orderId }, p.reviewedAt);

    const many = plan(batched.jobs);
    const results = await startTasks(
      t.db,
      many.map((p) => ({ actor: p.actor, orderId: p.orderId, at: p.startedAt })),
    );
    expect(results.map((r) => r.late)).toEqual([false, true, false, false, true, false]);
    await finishTasks(
      t.db,
      many.map((p) => ({ actor: p.actor, orderId: p.orderId, at: p.finishedAt, ticked: ['dust', 'floors'] })),
    );
    await confirmOrders(
      t.db,
      c.manager,
      many.map((p) => ({ orderId: p.orderId, at: p.reviewedAt })),
    );

    const a = await outcome(single);
    const b = await outcome(batched);
    expect(b).toEqual(a);

    // And what both are: six completed orders, each with its completion entry (Dr receivable 300 000, Cr
    // revenue 300 000, Dr payroll expense 150 000, Cr payable 150 000) …
    expect(a.orders.map((o) => o.status)).toEqual(Array(6).fill('completed'));
    expect(a.ledger.filter((l) => l.kind === 'order_completed')).toHaveLength(6 * 4);
    expect(a.events.map((e) => e.kind).filter((k) => k === 'review_confirm')).toHaveLength(6);
    // … two late starts with their lateness fine (one per worker's 10:30 job) …
    expect(a.fines).toHaveLength(2);
    expect(a.fines.every((f) => f.rule_code === 'lateness')).toBe(true);
    // … and the shortfalls in the order of the day: per worker 2 sprays and 3 cloths against 1 + 2 per job:
    // job 1 leaves 1 spray and 1 cloth; job 2 uses the spray and runs 1 cloth short; job 3 runs 1 spray and
    // 2 cloths short. The holdings end at 2 − 3 = −1 sprays and 3 − 6 = −3 cloths.
    expect(a.used.map((u) => u.shortfall).reduce((s, n) => s + n, 0)).toBe(2 * (1 + 1 + 2));
    expect(a.holdings.map((h) => h.quantity).sort()).toEqual([-1, -1, -3, -3]);
  });

  it('writes nothing when one confirmation of the batch is refused', async () => {
    const c = await company();
    const day1 = await crew(c, 150_000);
    const p = plan(day1.jobs);
    // The second worker's job named with the first worker as the actor: not theirs, so not found.
    const wrong = { actor: day1.workers[0], orderId: p[3].orderId, at: p[3].startedAt };
    await expect(
      startTasks(t.db, [{ actor: p[0].actor, orderId: p[0].orderId, at: p[0].startedAt }, wrong]),
    ).rejects.toMatchObject({ code: 'not_found' });
    // Too early for the 13:00 job at 08:00.
    await expect(
      startTasks(t.db, [
        { actor: p[0].actor, orderId: p[0].orderId, at: p[0].startedAt },
        { actor: p[2].actor, orderId: p[2].orderId, at: p[0].startedAt },
      ]),
    ).rejects.toMatchObject({ code: 'conflict', message: 'workers.errors.tooEarly' });
    const [{ n }] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from order_events where order_id in ${day1.jobs.map((j) => j.order.id)}`,
    );
    expect(n).toBe(0);
    const statuses = await t.db
      .select({ status: orders.status })
      .from(orders)
      .where(
        inArray(
          orders.id,
          day1.jobs.map((j) => j.order.id),
        ),
      );
    expect(statuses.every((s) => s.status === 'assigned')).toBe(true);

    // A confirmation of an order not yet completed refuses the whole batch.
    await startTask(t.db, p[0].actor, p[0].orderId, p[0].startedAt);
    await finishTask(t.db, p[0].actor, p[0].orderId, { ticked: ['dust', 'floors'] }, p[0].finishedAt);
    await expect(
      confirmOrders(t.db, c.manager, [
        { orderId: p[0].orderId, at: p[0].reviewedAt },
        { orderId: p[1].orderId, at: p[1].reviewedAt },
      ]),
    ).rejects.toMatchObject({ code: 'conflict', message: 'quality.errors.notCompleted' });
    const reviews = await t.db
      .select({ kind: orderEvents.kind })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, p[0].orderId));
    expect(reviews.map((r) => r.kind)).toEqual(['start', 'finish']);
  });
});
