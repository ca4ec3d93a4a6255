import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { orders } from './orders';
import { zones } from './settings';

export const clientProfiles = pgTable('client_profiles', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  defaultZoneId: uuid().references(() => zones.id),
  /** Standing discount in basis points (500 = 5%), applied by pricing. */
  discountBp: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** 'permanent' travels to every open and future order of the client; 'one_off' belongs to one order. */
export const staffNoteKindEnum = pgEnum('staff_note_kind', ['permanent', 'one_off']);

/**
 * Notes staff keep about a client (lib/clients). Shown to staff and to the worker on the order, never to the
 * client: no client-facing query reads this table. Removing a note archives it, so the audit can point at it.
 */
export const clientStaffNotes = pgTable(
  'client_staff_notes',
  {
    id: uuid().primaryKey().defaultRandom(),
    clientId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: staffNoteKindEnum().notNull(),
    /** The one order a one-off note is for; null for a permanent note. */
    orderId: uuid().references(() => orders.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    authorId: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('client_staff_notes_client_idx').on(t.clientId, t.createdAt),
    index('client_staff_notes_order_idx').on(t.orderId),
  ],
);

/** Workers a client asked for again; matching's continuity and the manual assignment page read them. */
export const clientPreferredWorkers = pgTable(
  'client_preferred_workers',
  {
    clientId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    note: text().notNull().default(''),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.workerId] })],
);
