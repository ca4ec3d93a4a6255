import { orderStatusEnum, type OrderStatus } from '@/db/schema';
import type { OrderDeskFilter } from '@/lib/orders';
import { pageSizeParam } from '@/lib/paging';
import { dayStart, one, uuidParam, type SearchParams } from '@/lib/quality/shared';

/** The order desk's filters as the page and its CSV export read them from the URL (dates in the company zone). */
export function deskFilterFrom(sp: SearchParams, timeZone: string): OrderDeskFilter {
  const statusParam = one(sp, 'status');
  const status = (orderStatusEnum.enumValues as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as OrderStatus)
    : undefined;
  return {
    q: one(sp, 'q')?.slice(0, 100),
    status: status ? [status] : undefined,
    from: dayStart(one(sp, 'from'), timeZone),
    to: dayStart(one(sp, 'to'), timeZone, 1),
    zoneId: uuidParam(sp, 'zoneId'),
    workerId: uuidParam(sp, 'workerId'),
    cursor: one(sp, 'cursor'),
    limit: pageSizeParam(one(sp, 'size')),
  };
}
