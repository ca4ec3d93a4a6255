import { bigint, boolean, doublePrecision, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Company-wide settings, one row per key; the shape of each value is validated in lib/settings. */
export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Areas the company serves. Centre coordinates let matching estimate travel between zones. */
export const zones = pgTable('zones', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  nameRu: text().notNull(),
  nameEn: text().notNull(),
  lat: doublePrecision().notNull(),
  lng: doublePrecision().notNull(),
  travelFee: bigint({ mode: 'number' }).notNull().default(0),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type ZoneRow = typeof zones.$inferSelect;
