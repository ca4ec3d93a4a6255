import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { services } from './catalog';
import { zones } from './settings';

/*
 * Recurring plans (lib/plans): a series whose visits are ordinary orders (orders.plan_id, orders.plan_date),
 * generated a rolling horizon ahead by the `plans` job. The unique (plan_id, plan_date) on orders is the
 * "one visit per plan and date, ever" rule; plan_skips records the dates the plan did not place a visit on.
 */

export const planStatuses = ['active', 'paused', 'ended'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const planFrequencies = [1, 2, 4] as const;
export type PlanFrequency = (typeof planFrequencies)[number];

export const plans = pgTable(
  'plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => users.id),
    serviceId: uuid()
      .notNull()
      .references(() => services.id),
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
    address: text().notNull(),
    accessNotes: text().notNull().default(''),
    contactPhone: text().notNull(),
    /** The options every visit is booked with (area, rooms, extras …), as validated by lib/orders. */
    options: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Every 1, 2 or 4 weeks, on the first visit's weekday, at `time` on the company's wall clock. */
    frequencyWeeks: integer().notNull(),
    firstDate: date({ mode: 'string' }).notNull(),
    time: text().notNull(),
    /** The last date a visit may fall on; null: open-ended. */
    untilDate: date({ mode: 'string' }),
    status: text().$type<PlanStatus>().notNull().default('active'),
    /** A pause: no visits from … until … (inclusive), then the plan goes on. */
    pausedFrom: date({ mode: 'string' }),
    pausedUntil: date({ mode: 'string' }),
    /** What a company holiday does to this plan's visit: skip it, or move it to the next working day. */
    holidayRule: text().$type<'skip' | 'move'>().notNull().default('skip'),
    /** The worker who keeps coming: set after the first completed visit, or by a manager. */
    regularWorkerId: uuid().references(() => users.id),
    /** Visits are generated up to this date (inclusive); the job starts from the day after. */
    generatedUntil: date({ mode: 'string' }),
    /** A plan changed from a date goes on as a new plan; this one points to it (and it back to this one). */
    nextPlanId: uuid(),
    previousPlanId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plans_client_idx').on(t.clientId, t.createdAt),
    index('plans_status_idx').on(t.status, t.generatedUntil),
    check('plans_frequency', sql`${t.frequencyWeeks} in (1, 2, 4)`),
  ],
);

/** A date the plan did not place a visit on, and why (a holiday, a pause, outside the bookable hours). */
export const planSkips = pgTable(
  'plan_skips',
  {
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    date: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.date] })],
);

export type PlanRow = typeof plans.$inferSelect;
