import type { AuditFilter } from '@/lib/audit';
import { pageSizeParam } from '@/lib/paging';
import { dayStart, one, uuidParam, type SearchParams } from '@/lib/quality/shared';

/** The audit log's filters as the page and its CSV export read them from the URL (dates in the company zone). */
export function auditFilterFrom(sp: SearchParams, timeZone: string): AuditFilter & { limit: number } {
  return {
    entity: one(sp, 'entity')?.slice(0, 50),
    action: one(sp, 'action')?.slice(0, 80),
    entityId: one(sp, 'entityId')?.slice(0, 80),
    actorId: uuidParam(sp, 'actorId'),
    from: dayStart(one(sp, 'from'), timeZone),
    to: dayStart(one(sp, 'to'), timeZone, 1),
    cursor: one(sp, 'cursor')?.slice(0, 500),
    limit: pageSizeParam(one(sp, 'size')),
  };
}
