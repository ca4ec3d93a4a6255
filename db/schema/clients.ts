import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth';
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
