import 'server-only';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { invoices, moneyApprovals, type MoneyApprovalKind, type MoneyApprovalStatus } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { personName } from '@/lib/auth';
import { afterCursor, countUpTo, decodeCursor, PAGE_SIZE, toPage, type Page } from '@/lib/paging';

export type MoneyApprovalView = {
  id: string;
  kind: MoneyApprovalKind;
  amount: number;
  currency: string;
  subjectName: string;
  invoiceId: string | null;
  invoiceNumber: string | null;
  /** The reason a manager gave (bonus, write-off) or the transfer's reference. */
  detail: string;
  requestedByName: string;
  requestedAt: Date;
  status: MoneyApprovalStatus;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
};

export type ApprovalsFilter = { status: MoneyApprovalStatus | 'all'; cursor?: string | null };

/** Admins see every request; a manager only their own (the owner filter is not optional for them). */
function visibleTo(actor: Actor): SQL | undefined {
  return actor.role === 'admin' ? undefined : eq(moneyApprovals.requestedBy, actor.id);
}

/**
 * Money approval requests, keyset-paged: pending ones oldest first (the queue an admin works through), decided
 * or all of them newest first.
 */
export async function listMoneyApprovals(
  db: Db,
  actor: Actor,
  filter: ApprovalsFilter,
): Promise<Page<MoneyApprovalView>> {
  assertStaff(actor);
  const where = and(visibleTo(actor), filter.status === 'all' ? undefined : eq(moneyApprovals.status, filter.status));
  const direction = filter.status === 'pending' ? 'asc' : 'desc';
  const order = direction === 'asc' ? asc : desc;
  // The timestamp travels in the cursor as PostgreSQL's own text, to the microsecond (a Date keeps milliseconds).
  const atText = sql<string>`${moneyApprovals.requestedAt}::text`;
  const key = decodeCursor(filter.cursor, 2);
  const [rows, count] = await Promise.all([
    db
      .select({
        id: moneyApprovals.id,
        kind: moneyApprovals.kind,
        input: moneyApprovals.input,
        amount: moneyApprovals.amount,
        currency: moneyApprovals.currency,
        subjectName: personName(moneyApprovals.subjectId),
        invoiceId: moneyApprovals.invoiceId,
        invoiceNumber: invoices.number,
        requestedByName: personName(moneyApprovals.requestedBy),
        requestedAt: moneyApprovals.requestedAt,
        atText,
        status: moneyApprovals.status,
        decidedByName: personName(moneyApprovals.decidedBy),
        decidedAt: moneyApprovals.decidedAt,
        decisionNote: moneyApprovals.decisionNote,
      })
      .from(moneyApprovals)
      .leftJoin(invoices, eq(invoices.id, moneyApprovals.invoiceId))
      .where(
        and(
          where,
          afterCursor([moneyApprovals.requestedAt, moneyApprovals.id], key, ['timestamptz', 'uuid'], direction),
        ),
      )
      .orderBy(order(moneyApprovals.requestedAt), order(moneyApprovals.id))
      .limit(PAGE_SIZE + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(moneyApprovals)
        .where(where),
    ),
  ]);
  return toPage(
    rows,
    PAGE_SIZE,
    (r) => [r.atText, r.id],
    ({ input, atText: _atText, ...r }) => ({ ...r, detail: detailOf(r.kind, input) }),
    count,
  );
}

function detailOf(kind: MoneyApprovalKind, input: Record<string, unknown>): string {
  const value = kind === 'bank_transfer' ? input.reference : input.reason;
  return typeof value === 'string' ? value : '';
}

/** Requests waiting for a decision: every one for an admin, a manager's own for a manager. */
export async function countPendingApprovals(db: Db, actor: Actor): Promise<number> {
  assertStaff(actor);
  return db.$count(moneyApprovals, and(visibleTo(actor), eq(moneyApprovals.status, 'pending')));
}
