import { bigint, bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orderEvents, orders } from './orders';

// lib/workers' table that refers to orders; kept out of workers.ts because catalog.ts (and so orders.ts)
// imports the grade enum from there.

/**
 * Orders taken away from a worker (decline, unassign, reassign, reschedule, deactivation): order_events
 * record the actor, not whose task it was, so lib/workers' order subscriber writes one row per release.
 * The worker's "cancelled" tab reads it.
 */
export const workerTaskReleases = pgTable(
  'worker_task_releases',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    eventId: bigint({ mode: 'number' })
      .notNull()
      .references(() => orderEvents.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    reason: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('worker_task_releases_worker_idx').on(t.workerId, t.at)],
);
