import 'server-only';
import { and, eq, getTableColumns, inArray, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import { assertOpenOrderRoom } from './open-order-cap';
import { rows, sql, uuidArray } from '@/db/connect';
import { clientAddresses, orderEvents, orders, zones, type OrderRow, type PriceLine } from '@/db/schema';
import { type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { validationFailed } from '@/lib/errors';
import { estimateDuration, type PricingOptions } from '@/lib/finance/shared';
import { bookedByData, bookingClient } from './booking-client';
import { notifyOrderCreated } from './emails';
import { requestMatching } from './effects';
import { getSettings } from '@/lib/settings';
import { toWallTime } from '@/lib/time';
import { checkEnd, checkOptions, checkStart } from './booking-rules';
import { clientDiscountBp, clientDiscountsBp, loadService, loadServices, estimateBooking } from './pricing-context';
import { orderInput, type OrderInput } from './schemas';

export type CreatedOrder = { id: string; number: string };

export type CreateOrderOptions = {
  now?: Date;
  /**
   * Ask matching to try this order right after the commit (default true). Tests of this module pass false:
   * matching runs on the application's own database, not the one under test.
   */
  match?: boolean;
  /** Staff booking for a client who phoned in: whose order it is (lib/orders checks the actor may). */
  clientId?: string;
};

/** BR-<year>-<000123>: the year of booking in the company zone, then the sequence number. */
export function formatOrderNumber(year: number, seq: number): string {
  return `BR-${year}-${String(seq).padStart(6, '0')}`;
}

/** The next order number; the year is the company's year at `at` (not the database server's). */
export async function nextOrderNumber(tx: Db, at: Date, timeZone: string): Promise<string> {
  const [{ seq }] = await rows<{ seq: string }>(tx, sql`select nextval('order_number_seq') as seq`);
  return formatOrderNumber(toWallTime(at, timeZone).year, Number(seq));
}

/** `count` order numbers at once (a batch of plan visits): one statement, whatever the count. */
async function nextOrderNumbers(tx: Db, count: number, at: Date, timeZone: string): Promise<string[]> {
  const seqs = await rows<{ seq: string }>(
    tx,
    sql`select nextval('order_number_seq') as seq from generate_series(1, ${count}) order by 1`,
  );
  const year = toWallTime(at, timeZone).year;
  return seqs.map((r) => formatOrderNumber(year, Number(r.seq)));
}

/**
 * A client books a service, or staff book it for a client who phoned in (`opts.clientId`). Everything the
 * form checked is checked again here (the same zod schema and the same booking rules); the estimate comes
 * from the pricing function with no worker grade yet. The order, its 'created' event (naming who booked it)
 * and (when asked) the saved address commit together; the client gets the same email either way, and
 * matching is asked after the commit. Only a client's own bookings count against the open-order cap (it
 * guards against abuse by self-signed-up accounts); a staff booking is audited instead.
 */
export async function createOrder(
  db: Db,
  actor: Actor,
  raw: OrderInput,
  opts: CreateOrderOptions = {},
): Promise<CreatedOrder> {
  const booking = await bookingClient(db, actor, opts.clientId);
  const clientId = booking.clientId;
  const input = orderInput.parse(raw);
  const now = opts.now ?? new Date();
  const settings = await getSettings(db);

  const service = await loadService(db, input.serviceId, { activeOnly: true });
  if (!service) throw validationFailed({ serviceId: 'orders.errors.serviceUnavailable' });
  const [zone] = await db
    .select({ id: zones.id, travelFee: zones.travelFee })
    .from(zones)
    .where(and(eq(zones.id, input.zoneId), eq(zones.active, true)));
  const { options, fields: optionErrors } = checkOptions(service, input);
  const { start, fields: timeErrors } = checkStart(input, settings, now);
  // The end is checked once the options are valid (the duration depends on them).
  const minutes = Object.keys(optionErrors).length === 0 ? estimateDuration(service, options) : 0;
  const endErrors = timeErrors.time ? {} : checkEnd(input, minutes, settings);
  const fields = {
    ...optionErrors,
    ...endErrors,
    ...timeErrors,
    ...(zone ? {} : { zoneId: 'orders.errors.zoneNotServed' as const }),
  };
  if (Object.keys(fields).length > 0 || !zone) throw validationFailed(fields, 'errors.invalidInput');

  const end = new Date(start.getTime() + minutes * 60_000);
  const estimate = estimateBooking(
    { service, options, zone, startsAt: start, now },
    await clientDiscountBp(db, clientId),
    settings,
  );

  const created = await db.transaction(async (tx) => {
    if (!booking.onBehalf) await assertOpenOrderRoom(tx, clientId, settings.maxOpenOrdersPerClient);
    const number = await nextOrderNumber(tx, now, settings.timeZone);
    const [order] = await tx
      .insert(orders)
      .values({
        number,
        clientId,
        serviceId: service.id,
        zoneId: zone.id,
        status: 'pending',
        address: input.address,
        accessNotes: input.accessNotes,
        contactPhone: input.contactPhone,
        options,
        scheduledStart: start,
        scheduledEnd: end,
        estimateLines: estimate.lines,
        estimateTotal: estimate.total,
        priceCap: input.priceCap ? estimate.total : null,
        currency: settings.currency,
        bookedAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: orders.id, number: orders.number });
    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: null,
      toStatus: 'pending',
      kind: 'created',
      actorId: actor.id,
      actorRole: actor.role,
      at: now,
      data: {
        estimateTotal: estimate.total,
        ...(input.priceCap ? { priceCap: estimate.total } : {}),
        ...bookedByData(actor, booking),
      },
    });
    if (input.saveAddress)
      await saveAddressOnce(tx, clientId, { address: input.address, zoneId: zone.id, accessNotes: input.accessNotes });
    if (booking.onBehalf)
      await recordAudit(tx, actor, {
        action: 'order.book_for_client',
        entity: 'order',
        entityId: order.id,
        after: { number: order.number, clientId, estimateTotal: estimate.total },
      });
    // Creation is not a transition, so the notifications subscriber does not see it: ask for the email here.
    await notifyOrderCreated(tx, order);
    return order;
  });

  if (opts.match ?? true) requestMatching([created.id]);
  return created;
}

/**
 * A free re-do of a failed order, in the caller's transaction (lib/quality decides when one is due): the
 * same client, service, zone, address, options and length at the wanted date and time, checked by the same
 * booking rules as a client's booking. Its only line is a zero-priced "re-do of BR-…", `options.redoOf`
 * marks it (pricing keeps it free when matched), and the client is emailed. Kept here so that lib/orders is
 * the one writer of new orders.
 */
export async function insertRedoOrder(
  tx: Db,
  actor: Actor,
  failed: OrderRow,
  wanted: { date: string; time: string },
  now: Date,
): Promise<CreatedOrder> {
  const settings = await getSettings(tx);
  const minutes = Math.round((failed.scheduledEnd.getTime() - failed.scheduledStart.getTime()) / 60_000);
  const { start, fields } = checkStart(wanted, settings, now);
  const all = { ...(fields.time ? {} : checkEnd(wanted, minutes, settings)), ...fields };
  if (Object.keys(all).length > 0) throw validationFailed(all, 'errors.invalidInput');
  const line: PriceLine = {
    code: 'redo',
    labelRu: `Повтор заказа ${failed.number}`,
    labelEn: `Re-do of ${failed.number}`,
    amount: 0,
  };
  const [redo] = await tx
    .insert(orders)
    .values({
      number: await nextOrderNumber(tx, now, settings.timeZone),
      clientId: failed.clientId,
      serviceId: failed.serviceId,
      zoneId: failed.zoneId,
      status: 'pending',
      address: failed.address,
      accessNotes: failed.accessNotes,
      contactPhone: failed.contactPhone,
      options: { ...failed.options, redoOf: failed.id },
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + minutes * 60_000),
      estimateLines: [line],
      estimateTotal: 0,
      currency: failed.currency,
      bookedAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: orders.id, number: orders.number });
  await tx.insert(orderEvents).values({
    orderId: redo.id,
    fromStatus: null,
    toStatus: 'pending',
    kind: 'created',
    actorId: actor.id,
    actorRole: actor.role,
    reason: 'redo',
    at: now,
    data: { redoOf: failed.id, redoOfNumber: failed.number, estimateTotal: 0 },
  });
  await notifyOrderCreated(tx, redo, { redoOf: failed.number });
  return redo;
}

/** Saves an address unless the client already has the same one. */
async function saveAddressOnce(
  tx: Db,
  clientId: string,
  a: { address: string; zoneId: string; accessNotes: string },
): Promise<void> {
  const [existing] = await tx
    .select({ id: clientAddresses.id })
    .from(clientAddresses)
    .where(
      and(
        eq(clientAddresses.clientId, clientId),
        eq(clientAddresses.address, a.address),
        eq(clientAddresses.zoneId, a.zoneId),
      ),
    );
  if (!existing) await tx.insert(clientAddresses).values({ clientId, ...a });
}

export type PlanForVisits = {
  id: string;
  clientId: string;
  serviceId: string;
  zoneId: string;
  address: string;
  accessNotes: string;
  contactPhone: string;
  options: Record<string, unknown>;
  time: string;
  firstDate: string;
  /** Set when the plan continues another from a date (a change): its first visit is not the client's first. */
  previousPlanId: string | null;
};

/** One plan's share of a batch: its visits to place and its frequency discount (basis points). */
export type PlanVisitsBatchItem = {
  plan: PlanForVisits;
  visits: readonly { planDate: string; start: Date }[];
  discountBp: number;
};

export type PlacedVisit = CreatedOrder & { start: Date; planDate: string; estimateTotal: number };

/** Rows per INSERT statement: about 20 parameters a row stays well under PostgreSQL's 65 535. */
const INSERT_ROWS = 1_000;

/**
 * Recurring plans' visits as ordinary pending orders, in the caller's transaction (lib/plans decides the
 * dates and holds the plans' row locks; lib/orders alone writes orders). Set-based: whatever the number of
 * plans, a handful of statements — one read each of the services, zones, client discounts and the plan
 * dates that already have a visit, one draw of order numbers, then multi-row inserts of the orders and
 * their 'created' events.
 *
 * Each visit is priced like a booking, with the plan's frequency discount as its own line (not on the first
 * visit when the company says so), and keyed by (plan, plan date): a date that already has a visit — even a
 * skipped (cancelled) one — gets nothing new (the unique key with ON CONFLICT DO NOTHING is the guarantee;
 * the read beforehand only spares order numbers), so repeated or concurrent runs never duplicate or
 * resurrect a visit. A plan whose visits would end after the bookable hours places none; its plan dates
 * come back in `outsideHours`. `bookedBy` is the staff member who booked the plan for the client (a phone
 * booking): the visits placed with it name them in their first event.
 */
export async function insertPlanVisits(
  tx: Db,
  batch: readonly PlanVisitsBatchItem[],
  now: Date,
  bookedBy?: Actor,
): Promise<{ created: Map<string, PlacedVisit[]>; outsideHours: Map<string, string[]> }> {
  const created = new Map<string, PlacedVisit[]>();
  const outsideHours = new Map<string, string[]>();
  const items = batch.filter((b) => b.visits.length > 0);
  if (items.length === 0) return { created, outsideHours };
  const settings = await getSettings(tx);
  const planIds = items.map((b) => b.plan.id);
  const [serviceRows, zoneRows, discounts, existing] = await Promise.all([
    loadServices(tx, [...new Set(items.map((b) => b.plan.serviceId))]),
    tx
      .select({ id: zones.id, travelFee: zones.travelFee })
      .from(zones)
      .where(inArray(zones.id, [...new Set(items.map((b) => b.plan.zoneId))])),
    clientDiscountsBp(tx, [...new Set(items.map((b) => b.plan.clientId))]),
    // Probed per plan through the (plan, date) key: the offset 0 keeps the subquery a per-plan index lookup,
    // so the read stays a few hundred probes even while the planner's statistics still take the table for
    // small (a seq scan with a list of hundreds of ids is quadratic).
    rows<{ planId: string; planDate: string }>(
      tx,
      sql`select p.id as "planId", o.plan_date::text as "planDate"
          from unnest(${uuidArray(planIds)}) as p(id)
          cross join lateral (
            select plan_date from ${orders}
            where plan_id = p.id and plan_date >= ${items.reduce((m, b) => minDate(m, b.visits), '9999-12-31')}::date
            offset 0
          ) o`,
    ),
  ]);
  const serviceOf = new Map(serviceRows.map((s) => [s.id, s]));
  const zoneOf = new Map(zoneRows.map((z) => [z.id, z]));
  const taken = new Set(existing.map((e) => `${e.planId}|${e.planDate}`));

  type Row = typeof orders.$inferInsert & { planId: string; planDate: string; scheduledStart: Date };
  const toInsert: Omit<Row, 'number'>[] = [];
  const estimates = new Map<string, ReturnType<typeof estimateBooking>>();
  for (const { plan, visits, discountBp } of items) {
    const service = serviceOf.get(plan.serviceId);
    const zone = zoneOf.get(plan.zoneId);
    if (!service || !zone) throw validationFailed({ serviceId: 'orders.errors.serviceUnavailable' });
    const baseOptions = plan.options as unknown as PricingOptions;
    const minutes = estimateDuration(service, baseOptions);
    if (Object.keys(checkEnd({ time: plan.time }, minutes, settings)).length > 0) {
      outsideHours.set(
        plan.id,
        visits.map((v) => v.planDate),
      );
      continue;
    }
    const clientDiscount = discounts.get(plan.clientId) ?? 0;
    const terms = `${plan.serviceId}|${plan.zoneId}|${clientDiscount}|${JSON.stringify(baseOptions)}`;
    for (const visit of visits) {
      if (taken.has(`${plan.id}|${visit.planDate}`)) continue;
      const first = visit.planDate === plan.firstDate && !plan.previousPlanId;
      const options = { ...baseOptions, planDiscountBp: first && !settings.planDiscountFirstVisit ? 0 : discountBp };
      // Plans on the same terms starting at the same instant have the same estimate: priced once per batch.
      const key = `${terms}|${options.planDiscountBp}|${visit.start.getTime()}`;
      let estimate = estimates.get(key);
      if (!estimate) {
        estimate = estimateBooking({ service, options, zone, startsAt: visit.start, now }, clientDiscount, settings);
        estimates.set(key, estimate);
      }
      toInsert.push({
        clientId: plan.clientId,
        serviceId: plan.serviceId,
        zoneId: plan.zoneId,
        status: 'pending',
        address: plan.address,
        accessNotes: plan.accessNotes,
        contactPhone: plan.contactPhone,
        options,
        scheduledStart: visit.start,
        scheduledEnd: new Date(visit.start.getTime() + minutes * 60_000),
        estimateLines: estimate.lines,
        estimateTotal: estimate.total,
        currency: settings.currency,
        planId: plan.id,
        planDate: visit.planDate,
        bookedAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  if (toInsert.length === 0) return { created, outsideHours };
  // Numbers in the order the visits happen; one draw from the sequence for the whole batch.
  toInsert.sort((a, b) => a.scheduledStart.getTime() - b.scheduledStart.getTime());
  const numbers = await nextOrderNumbers(tx, toInsert.length, now, settings.timeZone);
  // Each chunk's visits and their 'created' events in one statement (a data-modifying CTE): the events'
  // constant columns are parameters, the rest comes from the rows the insert returns.
  const byStaff = bookedBy ? { bookedBy: { name: bookedBy.name, role: bookedBy.role } } : {};
  const inserted: InsertedVisit[] = [];
  for (let k = 0; k < toInsert.length; k += INSERT_ROWS)
    inserted.push(
      ...(await rows<InsertedVisit>(
        tx,
        sql`with ins as (${insertFromJsonSql(
          orders,
          toInsert.slice(k, k + INSERT_ROWS).map((r, i) => ({ ...r, number: numbers[k + i] })),
          sql`on conflict (plan_id, plan_date) where plan_id is not null do nothing
              returning id, number, plan_id, plan_date, estimate_total, scheduled_start`,
          // What a plan's visits (or the whole batch) have in common goes once, not once per visit.
          ['estimateLines', ...PLAN_COLUMNS],
        )}),
        ev as (
          insert into ${orderEvents} (order_id, to_status, kind, reason, at, actor_id, actor_role, data)
          select id, 'pending', 'created', 'plan', ${now.toISOString()}::timestamptz, ${bookedBy?.id ?? null}::uuid,
            ${bookedBy?.role ?? null}::role,
            jsonb_build_object('planId', plan_id, 'planDate', plan_date::text, 'estimateTotal', estimate_total)
              || ${JSON.stringify(byStaff)}::jsonb
          from ins
        )
        select id, number, plan_id as "planId", plan_date::text as "planDate",
          estimate_total::float8 as "estimateTotal", scheduled_start as "start"
        from ins`,
      )),
    );
  for (const o of inserted) {
    const list = created.get(o.planId!) ?? [];
    list.push({
      id: o.id,
      number: o.number,
      start: new Date(o.start),
      planDate: o.planDate,
      estimateTotal: Number(o.estimateTotal),
    });
    created.set(o.planId, list);
  }
  for (const list of created.values()) list.sort((a, b) => a.start.getTime() - b.start.getTime());
  return { created, outsideHours };
}

/** A plan visit's columns that repeat across the plan's visits or the whole batch (see insertFromJsonSql). */
const PLAN_COLUMNS = [
  'clientId',
  'serviceId',
  'zoneId',
  'status',
  'address',
  'accessNotes',
  'contactPhone',
  'options',
  'currency',
  'planId',
  'bookedAt',
  'createdAt',
  'updatedAt',
] as const;

type InsertedVisit = {
  id: string;
  number: string;
  planId: string;
  planDate: string;
  estimateTotal: number | string;
  start: Date | string;
};

/**
 * An INSERT of many rows with one parameter, a JSON array read by jsonb_to_recordset: binding
 * a thousand rows of twenty columns value by value costs the driver and PostgreSQL about five times as much
 * (measured on the bench machine: 1,000 orders in 1.8–2.9 s against 0.35–0.5 s). Keys are the table's
 * column keys in code, the same in every row; `tail` follows the SELECT (ON CONFLICT, RETURNING).
 * `shared`: keys whose values many rows repeat (a batch's estimate lines): each distinct value goes once, in a
 * second JSON array, and the rows carry its position, so PostgreSQL parses it once.
 */
function insertFromJsonSql(
  table: PgTable,
  records: Record<string, unknown>[],
  tail: SQL,
  shared: readonly string[] = [],
): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(records[0]);
  const dbName = new Map(
    keys.map((key) => [key, columns[key].keyAsName ? toSnakeCase(columns[key].name) : columns[key].name]),
  );
  const isShared = new Set(shared.filter((k) => keys.includes(k)));
  const values: string[] = [];
  const byRef = new Map<unknown, number>();
  const byText = new Map<string, number>();
  const positionOf = (value: unknown) => {
    let at = byRef.get(value);
    if (at === undefined) {
      const text = JSON.stringify(value);
      at = byText.get(text) ?? values.push(text) - 1;
      byText.set(text, at);
      byRef.set(value, at);
    }
    return at;
  };
  // The recordset matches JSON keys to its column names: the records go as the database names them.
  const json = JSON.stringify(
    records.map((r) => Object.fromEntries(keys.map((k) => [dbName.get(k), isShared.has(k) ? positionOf(r[k]) : r[k]]))),
  );
  const names = sql.raw(keys.map((k) => `"${dbName.get(k)}"`).join(', '));
  const shape = sql.raw(
    keys.map((k) => `"${dbName.get(k)}" ${isShared.has(k) ? 'integer' : columns[k].getSQLType()}`).join(', '),
  );
  const dictionary = `[${values.join(',')}]`;
  // A jsonb column takes the value as is (`->`); any other the text of it (`->>`: a JSON string unquoted).
  const selected = sql.join(
    keys.map((k) => {
      if (!isShared.has(k)) return sql.raw(`r."${dbName.get(k)}"`);
      const type = columns[k].getSQLType();
      return sql`(${dictionary}::jsonb ${sql.raw(type === 'jsonb' ? '->' : '->>')} r.${sql.raw(`"${dbName.get(k)}"`)})::${sql.raw(type)}`;
    }),
    sql`, `,
  );
  return sql`insert into ${table} (${names})
      select ${selected} from jsonb_to_recordset(${json}::jsonb) as r(${shape}) ${tail}`;
}

const minDate = (m: string, visits: readonly { planDate: string }[]) =>
  visits.reduce((acc, v) => (v.planDate < acc ? v.planDate : acc), m);
