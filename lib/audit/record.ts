import 'server-only';
import type { Db } from '@/db';
import { auditLog } from '@/db/schema/audit';
import type { Role } from '@/db/schema/auth';

/** Anyone who can change data: a signed-in actor, or the system (cron, auto-dispatch) with a null id. */
export type AuditActor = { id: string | null; role: Role | 'system' };

export type AuditInput = {
  /** Dotted verb: '<entity>.<what>', e.g. 'service.update', 'order.review_fail', 'user.disable'. */
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** JSON-safe copy (Dates to ISO strings, bigints to strings, undefined dropped) so any DTO can be logged. */
function toJson(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : { value: parsed };
}

/** Keeps only the keys whose values differ, so the log shows what changed rather than two full rows. */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/**
 * Records one admin/manager/system change. Call it with the transaction that makes the change, so the
 * audit row commits or rolls back with it. When both before and after are given only the changed keys
 * are stored.
 */
export async function recordAudit(tx: Db, actor: AuditActor, input: AuditInput): Promise<void> {
  await recordAudits(tx, actor, [input]);
}

/** Several changes by one actor in one statement (a batch use case); `recordAudit` is the one-item case. */
export async function recordAudits(tx: Db, actor: AuditActor, inputs: readonly AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.insert(auditLog).values(
    inputs.map((input) => {
      const { before, after } = diffRecords(toJson(input.before), toJson(input.after));
      return {
        actorId: actor.id,
        actorRole: actor.role === 'system' ? null : actor.role,
        action: input.action,
        entity: input.entity,
        entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
        before,
        after,
      };
    }),
  );
}
