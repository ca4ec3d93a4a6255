import { bigint, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { gradeEnum } from './workers';

export const pricingUnitEnum = pgEnum('pricing_unit', ['fixed', 'per_m2', 'per_room', 'per_hour']);

export type ServiceExtra = { code: string; nameRu: string; nameEn: string; price: number; minutes: number };
export type ChecklistItem = { code: string; ru: string; en: string };

export const services = pgTable('services', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  nameRu: text().notNull(),
  nameEn: text().notNull(),
  descriptionRu: text().notNull().default(''),
  descriptionEn: text().notNull().default(''),
  /** Skill code a worker needs to take this service. */
  skill: text().notNull(),
  pricingUnit: pricingUnitEnum().notNull(),
  /** Price of one unit (m², room, hour) or the fixed price, in minor units. */
  unitPrice: bigint({ mode: 'number' }).notNull(),
  /** Never charge less than this for the base line, in minor units. */
  minPrice: bigint({ mode: 'number' }).notNull().default(0),
  /** Extra charge per bathroom (cleaning), in minor units. */
  bathroomPrice: bigint({ mode: 'number' }).notNull().default(0),
  baseMinutes: integer().notNull(),
  /** Minutes per unit on top of baseMinutes, ×100 to allow 1.5 min/m² (150). */
  minutesPerUnitX100: integer().notNull().default(0),
  extras: jsonb().$type<ServiceExtra[]>().notNull().default([]),
  checklist: jsonb().$type<ChecklistItem[]>().notNull().default([]),
  minGrade: gradeEnum().notNull().default('junior'),
  archivedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type ServiceRow = typeof services.$inferSelect;
