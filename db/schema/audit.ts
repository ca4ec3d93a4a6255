import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { roleEnum, users } from './auth';

/**
 * Who changed what, when: one row per admin or manager action that changes data. Written in the same
 * transaction as the change (lib/audit recordAudit), so a rolled-back change leaves no audit row.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** Null for the system (cron jobs, automatic dispatch). */
    actorId: uuid().references(() => users.id),
    actorRole: roleEnum(),
    /** Dotted verb, e.g. 'service.create', 'order.review_fail', 'user.disable'. */
    action: text().notNull(),
    /** Entity type, e.g. 'service', 'order', 'user', 'quality_form'. */
    entity: text().notNull(),
    entityId: text(),
    before: jsonb().$type<Record<string, unknown> | null>(),
    after: jsonb().$type<Record<string, unknown> | null>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.actorId, t.at),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
