import 'server-only';
import { and, asc, desc, eq, gte, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  invoiceLines,
  invoices,
  orders,
  payments,
  tips,
  voidedInvoiceLines,
  type InvoiceLineKind,
  type InvoiceStatus,
  type PriceLine,
} from '@/db/schema';
import { assertRole, isStaff, type Actor } from '@/lib/actor';
import { personEmail, personFirstName, personMatches, personName } from '@/lib/auth';
import { serviceNameEn, serviceNameRu } from '@/lib/catalog';
import { forbidden, notFound } from '@/lib/errors';
import { getSettings, type Settings } from '@/lib/settings';
import { toDateString } from '@/lib/time';
import {
  afterCursorDesc,
  cappedCount,
  COUNT_CAP,
  decodeCursor,
  exportRows,
  PAGE_SIZE,
  toPage,
  UNCOUNTED,
  type Page,
} from '@/lib/paging';
import { csvMoney, type CsvCell } from '@/lib/csv';
import { creditNotesOfInvoice, type CreditNoteDto } from './credit-notes';
import { amountDue } from './due';

/** What people see: 'overdue' is an open invoice past its due date (company time zone). */
export type InvoiceDisplayStatus = 'open' | 'overdue' | 'paid' | 'void';

export { invoiceMoneyColumns } from './money-columns';

export type InvoiceSummaryDto = {
  id: string;
  number: string;
  clientId: string;
  clientName: string;
  periodFrom: string;
  periodTo: string;
  issuedAt: Date;
  dueDate: string;
  currency: string;
  total: number;
  paidAmount: number;
  /** Sum of its credit notes. */
  creditedAmount: number;
  outstanding: number;
  status: InvoiceDisplayStatus;
  lineCount: number;
};

export type InvoiceLineDto = {
  /** The billed item: the order, or for a tip the tip (an order may have its own line and its tip's). */
  id: string;
  orderId: string;
  orderNumber: string;
  kind: InvoiceLineKind;
  serviceRu: string;
  serviceEn: string;
  occurredAt: Date;
  amount: number;
  priceLines: PriceLine[];
  /** Where the service was done (printed per line on the PDF). */
  address: string;
  /** A tip's worker, by first name ("Tip for Anna"); null on other lines. */
  workerFirstName: string | null;
};

export type InvoicePaymentDto = {
  id: string;
  provider: string;
  reference: string;
  amount: number;
  appliedAmount: number;
  creditAmount: number;
  receivedAt: Date;
};

export type InvoiceDetailDto = InvoiceSummaryDto & {
  clientEmail: string;
  companyName: string;
  companyDetails: Settings['companyDetails'];
  voidReason: string | null;
  voidedAt: Date | null;
  reissueOf: string | null;
  lines: InvoiceLineDto[];
  payments: InvoicePaymentDto[];
  creditNotes: CreditNoteDto[];
};

export function displayStatus(status: InvoiceStatus, dueDate: string, today: string): InvoiceDisplayStatus {
  if (status === 'open' && dueDate < today) return 'overdue';
  return status;
}

const summaryColumns = {
  id: invoices.id,
  number: invoices.number,
  clientId: invoices.clientId,
  clientName: personName(invoices.clientId),
  periodFrom: invoices.periodFrom,
  periodTo: invoices.periodTo,
  issuedAt: invoices.issuedAt,
  dueDate: invoices.dueDate,
  currency: invoices.currency,
  total: invoices.total,
  paidAmount: invoices.paidAmount,
  creditedAmount: invoices.creditedAmount,
  status: invoices.status,
  lineCount: invoices.lineCount,
};

type ValueOf<C> = C extends SQL<infer T> ? T : C extends { _: { data: infer D } } ? D : never;
type SummaryRow = { [K in keyof typeof summaryColumns]: ValueOf<(typeof summaryColumns)[K]> };

function toSummary(row: SummaryRow, today: string): InvoiceSummaryDto {
  return {
    ...row,
    outstanding: amountDue(row),
    status: displayStatus(row.status, row.dueDate, today),
  };
}

async function todayOf(db: Db): Promise<string> {
  return toDateString(new Date(), (await getSettings(db)).timeZone);
}

function statusFilter(status: InvoiceDisplayStatus | undefined, today: string): SQL | undefined {
  switch (status) {
    case undefined:
      return undefined;
    case 'overdue':
      return and(eq(invoices.status, 'open'), sql`${invoices.dueDate} < ${today}::date`);
    case 'open':
      return and(eq(invoices.status, 'open'), sql`${invoices.dueDate} >= ${today}::date`);
    default:
      return eq(invoices.status, status);
  }
}

/** A client's own invoices, newest first, keyset-paged on (issued_at, id) with the count of the filtered set. */
export async function listClientInvoices(
  db: Db,
  actor: Actor,
  filter: { status?: InvoiceDisplayStatus; cursor?: string } = {},
): Promise<Page<InvoiceSummaryDto>> {
  assertRole(actor, 'client');
  const today = await todayOf(db);
  const where = and(eq(invoices.clientId, actor.id), statusFilter(filter.status, today));
  const key = decodeCursor(filter.cursor, 2);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(invoices)
      .where(and(where, afterCursorDesc(invoices.issuedAt, invoices.id, key, 'timestamptz')))
      .orderBy(desc(invoices.issuedAt), desc(invoices.id))
      .limit(PAGE_SIZE + 1),
    // One client's invoices (a few a week at most): an exact count is cheap on invoices_client_idx.
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(invoices)
      .where(where),
  ]);
  return toPage(
    rows,
    PAGE_SIZE,
    (r) => [r.issuedAt.toISOString(), r.id],
    (r) => toSummary(r, today),
    { total: n, capped: false },
  );
}

export type AdminInvoiceFilter = {
  status?: InvoiceDisplayStatus;
  q?: string;
  from?: string;
  /** One client's invoices (the client record). */
  clientId?: string;
  cursor?: string;
};

export type AdminInvoicePage = Page<InvoiceSummaryDto> & {
  /**
   * Over every invoice the filter matches (not just this page): their total and what is still due; null when
   * more than COUNT_CAP match (the ledger's receivable balance is the company-wide figure).
   */
  sums: { total: number; outstanding: number } | null;
};

function adminWhere(filter: AdminInvoiceFilter, today: string): SQL | undefined {
  const q = filter.q?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return and(
    statusFilter(filter.status, today),
    like ? or(ilike(invoices.number, like), personMatches(invoices.clientId, like)) : undefined,
    filter.from ? gte(invoices.periodFrom, filter.from) : undefined,
    filter.clientId ? eq(invoices.clientId, filter.clientId) : undefined,
  );
}

/** Staff's invoice rows after a cursor, newest issued first: keyset on (issued_at, id). */
async function adminInvoiceRows(db: Db, where: SQL | undefined, cursor: string | null | undefined, limit: number) {
  const key = decodeCursor(cursor, 2);
  return db
    .select(summaryColumns)
    .from(invoices)
    .where(and(where, afterCursorDesc(invoices.issuedAt, invoices.id, key, 'timestamptz')))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(limit + 1);
}

const invoiceKey = (r: SummaryRow) => [r.issuedAt.toISOString(), r.id];

/**
 * Every invoice, for managers and admins, with filters (status, number/client text, period from), newest
 * first, keyset-paged on (issued_at, id); the count (up to COUNT_CAP) and, within that cap, the money sums
 * cover the whole filtered set, so nothing is silently left out.
 */
export async function listInvoicesAdmin(
  db: Db,
  actor: Actor,
  filter: AdminInvoiceFilter = {},
): Promise<AdminInvoicePage> {
  if (!isStaff(actor)) throw forbidden();
  const today = await todayOf(db);
  const where = adminWhere(filter, today);
  // The count and the sums read the matching invoices no further than COUNT_CAP + 1, so the page costs the same
  // at a company's whole history; past the cap the list says "more than" and leaves the sums to a narrower filter.
  const [rows, [agg]] = await Promise.all([
    adminInvoiceRows(db, where, filter.cursor, PAGE_SIZE),
    db
      .select({
        n: sql<number>`count(*)::int`,
        total: sql<string>`coalesce(sum(case when m.status = 'void' then 0 else m.total end), 0)`,
        outstanding: sql<string>`coalesce(sum(case when m.status = 'void' then 0 else greatest(0, m.total - m.credited - m.paid) end), 0)`,
      })
      .from(
        // A text search reads the client through personMatches (lib/auth), inside `where`.
        db
          .select({
            status: sql<string>`${invoices.status}`.as('status'),
            total: sql<string>`${invoices.total}`.as('total'),
            credited: sql<string>`${invoices.creditedAmount}`.as('credited'),
            paid: sql<string>`${invoices.paidAmount}`.as('paid'),
          })
          .from(invoices)
          .where(where)
          .limit(COUNT_CAP + 1)
          .as('m'),
      ),
  ]);
  const count = cappedCount(agg.n);
  const page = toPage(rows, PAGE_SIZE, invoiceKey, (r) => toSummary(r, today), count);
  return {
    ...page,
    sums: count.capped ? null : { total: Number(agg.total), outstanding: Number(agg.outstanding) },
  };
}

export const INVOICES_CSV_HEADER = [
  'number',
  'client',
  'client_id',
  'period_from',
  'period_to',
  'issued_at',
  'due_date',
  'status',
  'total',
  'paid',
  'credited',
  'outstanding',
  'currency',
];

/**
 * Every invoice the staff list's filters match, as CSV rows batch by batch (a keyset walk), for the streamed
 * export. Staff only, checked before the first row.
 */
export async function exportInvoices(
  db: Db,
  actor: Actor,
  filter: AdminInvoiceFilter,
): Promise<AsyncIterable<CsvCell[][]>> {
  if (!isStaff(actor)) throw forbidden();
  const today = await todayOf(db);
  const where = adminWhere(filter, today);
  return exportRows(
    async (cursor, limit) =>
      toPage(await adminInvoiceRows(db, where, cursor, limit), limit, invoiceKey, (r) => r, UNCOUNTED),
    (r) => {
      const inv = toSummary(r, today);
      return [
        inv.number,
        inv.clientName,
        inv.clientId,
        inv.periodFrom,
        inv.periodTo,
        inv.issuedAt.toISOString(),
        inv.dueDate,
        inv.status,
        csvMoney(inv.total),
        csvMoney(inv.paidAmount),
        csvMoney(inv.creditedAmount),
        csvMoney(inv.outstanding),
        inv.currency,
      ];
    },
  );
}

/** One invoice with its lines and payments: its client or staff; another client's invoice is NotFound. */
export async function getInvoice(db: Db, actor: Actor, invoiceId: string): Promise<InvoiceDetailDto> {
  if (actor.role === 'worker') throw forbidden();
  const settings = await getSettings(db);
  const today = toDateString(new Date(), settings.timeZone);
  const [row] = await db
    .select({
      ...summaryColumns,
      clientEmail: personEmail(invoices.clientId),
      voidReason: invoices.voidReason,
      voidedAt: invoices.voidedAt,
      reissueOf: invoices.reissueOf,
    })
    .from(invoices)
    .where(eq(invoices.id, invoiceId));
  if (!row || (actor.role === 'client' && row.clientId !== actor.id)) throw notFound('billing.errors.invoiceNotFound');
  const lineTable = row.status === 'void' ? voidedInvoiceLines : invoiceLines;
  // What a line shows, for an order's line and a tip's alike.
  const lineColumns = {
    orderNumber: orders.number,
    kind: lineTable.kind,
    serviceRu: serviceNameRu(orders.serviceId),
    serviceEn: serviceNameEn(orders.serviceId),
    occurredAt: lineTable.occurredAt,
    amount: lineTable.amount,
    priceLines: orders.priceLines,
    address: orders.address,
  };
  const [orderLines, tipLines, paid, credits] = await Promise.all([
    db
      .select({
        id: lineTable.orderId,
        orderId: lineTable.orderId,
        ...lineColumns,
        workerFirstName: sql<string | null>`null`,
      })
      // Through the client's orders (orders_client_idx) and the lines' key: the lines table has no invoice index.
      .from(orders)
      .innerJoin(lineTable, eq(lineTable.orderId, orders.id))
      .where(and(eq(orders.clientId, row.clientId), eq(lineTable.invoiceId, invoiceId))),
    // Tips' lines, keyed by the tip: through the client's tips (tips_client_idx).
    db
      .select({
        id: lineTable.orderId,
        orderId: tips.orderId,
        ...lineColumns,
        workerFirstName: personFirstName(tips.workerId),
      })
      .from(tips)
      .innerJoin(lineTable, eq(lineTable.orderId, tips.id))
      .innerJoin(orders, eq(orders.id, tips.orderId))
      .where(and(eq(tips.clientId, row.clientId), eq(lineTable.invoiceId, invoiceId))),
    db
      .select({
        id: payments.id,
        provider: payments.provider,
        reference: payments.providerRef,
        amount: payments.amount,
        appliedAmount: payments.appliedAmount,
        creditAmount: payments.creditAmount,
        receivedAt: payments.receivedAt,
      })
      .from(payments)
      .where(eq(payments.invoiceId, invoiceId))
      .orderBy(asc(payments.receivedAt)),
    creditNotesOfInvoice(db, invoiceId),
  ]);
  // By date, then order number; an order's own line before its tip's.
  const lines = [...orderLines, ...tipLines].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() ||
      a.orderNumber.localeCompare(b.orderNumber) ||
      Number(a.kind === 'tip') - Number(b.kind === 'tip'),
  );
  const { clientEmail, voidReason, voidedAt, reissueOf, ...summary } = row;
  return {
    ...toSummary(summary, today),
    clientEmail,
    companyName: settings.companyName,
    companyDetails: settings.companyDetails,
    voidReason,
    voidedAt,
    reissueOf,
    lines: lines.map((l) => ({ ...l, kind: l.kind, priceLines: l.kind === 'order' ? (l.priceLines ?? []) : [] })),
    payments: paid,
    creditNotes: credits,
  };
}
