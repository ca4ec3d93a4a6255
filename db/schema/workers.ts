import { boolean, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { zones } from './settings';

export const gradeEnum = pgEnum('grade', ['junior', 'standard', 'senior']);

export const workerProfiles = pgTable('worker_profiles', {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  grade: gradeEnum().notNull().default('standard'),
  active: boolean().notNull().default(true),
  homeZoneId: uuid().references(() => zones.id),
  /** Hours a week the worker wants; matching balances workload against it. */
  weeklyHoursTarget: integer().notNull().default(30),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const workerSkills = pgTable(
  'worker_skills',
  {
    workerId: uuid()
      .notNull()
      .references(() => workerProfiles.userId, { onDelete: 'cascade' }),
    skill: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workerId, t.skill] })],
);

export const workerZones = pgTable(
  'worker_zones',
  {
    workerId: uuid()
      .notNull()
      .references(() => workerProfiles.userId, { onDelete: 'cascade' }),
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
  },
  (t) => [primaryKey({ columns: [t.workerId, t.zoneId] })],
);

export type Grade = (typeof gradeEnum.enumValues)[number];
