import 'server-only';
import { and, desc, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { auditLog } from '@/db/schema/audit';
import { users } from '@/db/schema/auth';
import { assertRole, type Actor } from '@/lib/actor';
import { afterCursor, decodeCursor, keysetPage, exportRows, PAGE_SIZE, type Page } from '@/lib/paging';
import type { CsvCell } from '@/lib/csv';

export const auditFilterInput = z.object({
  entity: z.string().trim().max(50).optional(),
  /** Prefix match: 'service' finds service.create, service.update … */
  action: z.string().trim().max(80).optional(),
  entityId: z.string().trim().max(80).optional(),
  actorId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** Keyset paging: the opaque cursor of the next page (lib/paging). */
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(PAGE_SIZE),
});
export type AuditFilter = z.input<typeof auditFilterInput>;

export type AuditEntry = {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

function whereOf(f: z.output<typeof auditFilterInput>): SQL | undefined {
  const where: SQL[] = [];
  if (f.entity) where.push(eq(auditLog.entity, f.entity));
  if (f.action) where.push(like(auditLog.action, `${f.action.replace(/[%_\\]/g, '\\$&')}%`));
  if (f.entityId) where.push(eq(auditLog.entityId, f.entityId));
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lte(auditLog.at, f.to));
  return and(...where);
}

/** One page, newest first by id (the primary key, so the keyset is an index range); the count only if asked. */
async function auditPage(
  db: Db,
  f: z.output<typeof auditFilterInput>,
  limit: number,
  counted: boolean,
): Promise<Page<AuditEntry>> {
  const where = whereOf(f);
  const key = decodeCursor(f.cursor, 1);
  return keysetPage(
    db,
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: users.name,
        actorRole: auditLog.actorRole,
        action: auditLog.action,
        entity: auditLog.entity,
        entityId: auditLog.entityId,
        before: auditLog.before,
        after: auditLog.after,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(where, afterCursor([auditLog.id], key, ['bigint'], 'desc')))
      .orderBy(desc(auditLog.id))
      .limit(limit + 1),
    {
      limit,
      keyOf: (r) => [r.id],
      count: counted
        ? db
            .select({ one: sql`1` })
            .from(auditLog)
            .where(where)
        : null,
    },
  );
}

/** The audit log, newest first, for admins only: keyset-paged, with the count of the filtered set. */
export async function listAudit(db: Db, actor: Actor, filter: AuditFilter = {}): Promise<Page<AuditEntry>> {
  assertRole(actor, 'admin');
  const f = auditFilterInput.parse(filter);
  return auditPage(db, f, f.limit, true);
}

export const AUDIT_CSV_HEADER = [
  'id',
  'at',
  'actor_id',
  'actor_name',
  'actor_role',
  'action',
  'entity',
  'entity_id',
  'before',
  'after',
];

/**
 * The whole filtered audit log as CSV rows, batch by batch (a keyset walk), for the streamed export. The
 * admin check runs here, before the first row, so a refused export is an error response and not a file.
 */
export function exportAudit(db: Db, actor: Actor, filter: AuditFilter = {}): AsyncIterable<CsvCell[][]> {
  assertRole(actor, 'admin');
  const f = auditFilterInput.parse({ ...filter, cursor: undefined });
  return exportRows(
    (cursor, limit) => auditPage(db, { ...f, cursor }, limit, false),
    (e) => [
      e.id,
      e.at.toISOString(),
      e.actorId,
      e.actorName,
      e.actorRole,
      e.action,
      e.entity,
      e.entityId,
      e.before ? JSON.stringify(e.before) : '',
      e.after ? JSON.stringify(e.after) : '',
    ],
  );
}
