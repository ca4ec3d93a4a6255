import {
  boolean,
  check,
  date,
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
  /**
   * sha256 of the secret in the worker's iCalendar feed URL (/api/workers/calendar/<token>). The URL is
   * shown once, when the worker makes it; a database leak does not reveal it. Making a new one revokes it.
   */
  icalTokenHash: text().unique(),
  icalTokenCreatedAt: timestamp({ withTimezone: true }),
  /** The account the worker's pay goes to (20 digits) and its bank's БИК: only the payroll bank file has them whole. */
  bankAccount: text(),
  bankBik: text(),
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

/**
 * Weekly working hours in the company time zone: weekday 1 (Monday) … 7 (Sunday), 'HH:mm' wall times.
 * `to` not after `from` means the slot runs past midnight into the next day (20:00-02:00); 00:00-00:00 is
 * the whole day.
 */
export const workerSchedules = pgTable(
  'worker_schedules',
  {
    id: uuid().primaryKey().defaultRandom(),
    workerId: uuid()
      .notNull()
      .references(() => workerProfiles.userId, { onDelete: 'cascade' }),
    weekday: integer().notNull(),
    fromTime: text().notNull(),
    toTime: text().notNull(),
  },
  (t) => [
    index('worker_schedules_worker_idx').on(t.workerId, t.weekday),
    check('worker_schedules_weekday_chk', sql`${t.weekday} between 1 and 7`),
    check(
      'worker_schedules_time_chk',
      sql`${t.fromTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ${t.toTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`,
    ),
  ],
);

/** Whole days off in the company time zone, both dates inclusive. */
export const workerTimeOff = pgTable(
  'worker_time_off',
  {
    id: uuid().primaryKey().defaultRandom(),
    workerId: uuid()
      .notNull()
      .references(() => workerProfiles.userId, { onDelete: 'cascade' }),
    fromDate: date({ mode: 'string' }).notNull(),
    toDate: date({ mode: 'string' }).notNull(),
    reason: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('worker_time_off_worker_idx').on(t.workerId, t.fromDate),
    check('worker_time_off_range_chk', sql`${t.toDate} >= ${t.fromDate}`),
  ],
);

export type Grade = (typeof gradeEnum.enumValues)[number];
