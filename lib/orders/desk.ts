import 'server-only';
import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, services, zones, type OrderStatus } from '@/db/schema';
import { orderClient, orderWorker, selectOrders } from './queries';
import { assertStaff, type Actor } from '@/lib/actor';
import { afterCursorDesc, decodeCursor, keysetPage, exportRows, PAGE_SIZE, type Page } from '@/lib/paging';
import { csvMoney, type CsvCell } from '@/lib/csv';

export type OrderDeskFilter = {
  /** An order number (BR-2026-000123, or its last digits), or part of the client's name, email or phone, or the address. */
  q?: string;
  status?: OrderStatus[];
  /** Scheduled start within [from, to). */
  from?: Date;
  to?: Date;
  workerId?: string;
  zoneId?: string;
  /** One client's orders (the client record). */
  clientId?: string;
  cursor?: string;
  limit?: number;
};

export type OrderDeskRow = {
  id: string;
  number: string;
  status: OrderStatus;
  scheduledStart: Date;
  clientName: string;
  clientPhone: string;
  address: string;
  serviceRu: string;
  serviceEn: string;
  zoneRu: string;
  zoneEn: string;
  workerName: string | null;
  total: number;
  currency: string;
};

const NUMBER = /^(br-)?\d{4}-\d{6}$/i;

function textFilter(q: string): SQL {
  const s = q.trim();
  if (NUMBER.test(s)) return eq(orders.number, s.toUpperCase().startsWith('BR-') ? s.toUpperCase() : `BR-${s}`);
  const like = `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // A Russian number typed with 8 or +7 in front: compare the ten digits after it.
  const all = s.replace(/\D/g, '');
  const digits = all.length === 11 && /^[78]/.test(all) ? all.slice(1) : all;
  return or(
    ilike(orders.number, like),
    ilike(orderClient.name, like),
    ilike(orderClient.email, like),
    ilike(orders.address, like),
    // A phone typed any way: +7 (900) 123-45-67, 89001234567, 1234567 all find it.
    digits.length >= 5 ? sql`regexp_replace(${orders.contactPhone}, '\\D', '', 'g') like ${`%${digits}%`}` : undefined,
  )!;
}

/** The desk's rows after a cursor: newest start first, keyset on (scheduled_start, id); counted only if asked. */
async function deskPage(db: Db, filter: OrderDeskFilter, limit: number, counted: boolean): Promise<Page<OrderDeskRow>> {
  const q = filter.q?.trim().slice(0, 100);
  const where = and(
    q ? textFilter(q) : undefined,
    filter.status?.length ? inArray(orders.status, filter.status) : undefined,
    filter.from ? gte(orders.scheduledStart, filter.from) : undefined,
    filter.to ? lt(orders.scheduledStart, filter.to) : undefined,
    filter.workerId ? eq(orders.workerId, filter.workerId) : undefined,
    filter.zoneId ? eq(orders.zoneId, filter.zoneId) : undefined,
    filter.clientId ? eq(orders.clientId, filter.clientId) : undefined,
  );
  const key = decodeCursor(filter.cursor, 2);
  return keysetPage(
    db,
    selectOrders(db, {
      id: orders.id,
      number: orders.number,
      status: orders.status,
      scheduledStart: orders.scheduledStart,
      clientName: orderClient.name,
      clientPhone: orders.contactPhone,
      address: orders.address,
      serviceRu: services.nameRu,
      serviceEn: services.nameEn,
      zoneRu: zones.nameRu,
      zoneEn: zones.nameEn,
      workerName: orderWorker.name,
      total: sql<number>`coalesce(${orders.priceTotal}, ${orders.estimateTotal})`.mapWith(Number),
      currency: orders.currency,
    })
      .where(and(where, afterCursorDesc(orders.scheduledStart, orders.id, key, 'timestamptz')))
      .orderBy(desc(orders.scheduledStart), desc(orders.id))
      .limit(limit + 1),
    {
      limit,
      keyOf: (r) => [r.scheduledStart.toISOString(), r.id],
      count: counted
        ? db
            .select({ one: sql`1` })
            .from(orders)
            .innerJoin(orderClient, eq(orderClient.id, orders.clientId))
            .where(where)
        : null,
    },
  );
}

/**
 * Staff's order desk: every order, newest start first, searched and filtered on the server and paged by
 * keyset on (scheduled_start, id). The total is counted up to COUNT_CAP ("more than" beyond it).
 */
export async function searchOrders(db: Db, actor: Actor, filter: OrderDeskFilter = {}): Promise<Page<OrderDeskRow>> {
  assertStaff(actor);
  return deskPage(db, filter, Math.min(Math.max(filter.limit ?? PAGE_SIZE, 1), 200), true);
}

export const ORDERS_CSV_HEADER = [
  'number',
  'status',
  'scheduled_start',
  'client',
  'phone',
  'address',
  'service',
  'zone',
  'worker',
  'total',
  'currency',
];

/**
 * Every order the desk's filters match, as CSV rows batch by batch (a keyset walk, however many), for the
 * streamed export; names in the staff member's language. Staff only, checked before the first row.
 */
export function exportOrders(
  db: Db,
  actor: Actor,
  filter: OrderDeskFilter,
  locale: 'ru' | 'en',
): AsyncIterable<CsvCell[][]> {
  assertStaff(actor);
  const f = { ...filter, cursor: undefined };
  return exportRows(
    (cursor, limit) => deskPage(db, { ...f, cursor }, limit, false),
    (o) => [
      o.number,
      o.status,
      o.scheduledStart.toISOString(),
      o.clientName,
      o.clientPhone,
      o.address,
      locale === 'en' ? o.serviceEn : o.serviceRu,
      locale === 'en' ? o.zoneEn : o.zoneRu,
      o.workerName,
      csvMoney(o.total),
      o.currency,
    ],
  );
}
