import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './auth';
import { services } from './catalog';
import { orders } from './orders';

/** Consumables the company buys and hands out to workers. Quantities are whole units (pieces, bottles …). */
export const supplies = pgTable(
  'supplies',
  {
    id: uuid().primaryKey().defaultRandom(),
    nameRu: text().notNull(),
    nameEn: text().notNull(),
    /** Unit label shown beside quantities ('шт', 'бут.', 'pcs'), free text in the catalogue. */
    /** The unit in Russian (шт, бут.) and in English (pcs, btl): people see the one of their language. */
    unit: text().notNull(),
    unitEn: text().notNull().default(''),
    /** Cost of one unit in minor units. */
    unitCost: bigint({ mode: 'number' }).notNull().default(0),
    /** Warehouse stock now; changed only together with a supply_movements row, never below 0. */
    stock: integer().notNull().default(0),
    /** At or below this stock the item shows a low-stock warning. */
    lowStockThreshold: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('supplies_stock_nonneg_chk', sql`${t.stock} >= 0`)],
);

export const supplyMovementKindEnum = pgEnum('supply_movement_kind', [
  'received',
  'issued',
  'returned',
  'written_off',
  'used',
]);

/**
 * Every change of stock or of a worker's holding is one row here (the journal); `supplies.stock` and
 * `worker_supply_holdings.quantity` are its running balances, updated in the same transaction.
 * received: +stock; issued: -stock +holding; returned: -holding +stock; written_off: -stock; used: -holding.
 */
export const supplyMovements = pgTable(
  'supply_movements',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    supplyId: uuid()
      .notNull()
      .references(() => supplies.id),
    kind: supplyMovementKindEnum().notNull(),
    /** Always positive; the kind says which way it moves. */
    quantity: integer().notNull(),
    workerId: uuid().references(() => users.id),
    orderId: uuid().references(() => orders.id),
    actorId: uuid().references(() => users.id),
    note: text().notNull().default(''),
    /** Usage the worker's holding did not cover (the holding went below zero): shown to managers until resolved. */
    shortfall: integer().notNull().default(0),
    resolvedAt: timestamp({ withTimezone: true }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('supply_movements_supply_idx').on(t.supplyId, t.at),
    index('supply_movements_worker_idx').on(t.workerId, t.at),
    index('supply_movements_order_idx').on(t.orderId),
    check('supply_movements_qty_chk', sql`${t.quantity} > 0`),
  ],
);

/** What each worker carries now. May go below zero only through recorded usage, which is flagged. */
export const workerSupplyHoldings = pgTable(
  'worker_supply_holdings',
  {
    workerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    supplyId: uuid()
      .notNull()
      .references(() => supplies.id),
    quantity: integer().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workerId, t.supplyId] })],
);

/** The bill of materials: what one order of a service consumes. */
export const serviceSupplies = pgTable(
  'service_supplies',
  {
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    supplyId: uuid()
      .notNull()
      .references(() => supplies.id),
    quantity: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.serviceId, t.supplyId] }),
    check('service_supplies_qty_chk', sql`${t.quantity} > 0`),
  ],
);

export type SupplyMovementKind = (typeof supplyMovementKindEnum.enumValues)[number];
