import 'server-only';
import { toCsv } from '@/lib/csv';
import { and, asc, desc, eq, gte, ilike, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '@/db';
import { rows } from '@/db/connect';
import {
  adjustments,
  journalEntries,
  ledgerAccounts,
  orders,
  postings,
  users,
  type AccountType,
  type AdjustmentKind,
} from '@/db/schema';
import { assertStaff, isStaff, type Actor } from '@/lib/actor';
import { notFound } from '@/lib/errors';
import { getSettings } from '@/lib/settings';
import { fromWallTime, toWallTime } from '@/lib/time';
import { accountBalance, accountCode } from './ledger';
import {
  PAGE_SIZE,
  afterCursor,
  containing,
  countUpTo,
  decodeCursor,
  exactTime,
  toPage,
  type Page,
} from '@/lib/paging';

// Balances and financial history are queries over postings (the ledger is the only source of truth).

export type HistoryRow = {
  entryId: string;
  at: Date;
  kind: string;
  memo: string | null;
  reason: string | null;
  orderId: string | null;
  orderNumber: string | null;
  invoiceId: string | null;
  reversesEntryId: string | null;
  reversed: boolean;
  /** For a rule-based fine: the rule and what it measured. */
  ruleCode: string | null;
  ruleValue: number | null;
  /** The posting on this account: + debit, − credit. */
  amount: number;
  /** The account's balance after this posting. */
  balance: number;
};

const reversal = alias(journalEntries, 'reversal');

/**
 * Postings of one account in a period (from/to) with their entries, oldest first, with the running balance.
 */
async function accountRows(db: Db, accountId: string, range: { from?: Date; to?: Date } = {}): Promise<HistoryRow[]> {
  const opening = range.from
    ? Number(
        (
          await db
            .select({ total: sql<string>`coalesce(sum(${postings.amount}), 0)` })
            .from(postings)
            .where(and(eq(postings.accountId, accountId), lt(postings.at, range.from)))
        )[0].total,
      )
    : 0;
  const conds = [eq(postings.accountId, accountId)];
  if (range.from) conds.push(gte(postings.at, range.from));
  if (range.to) conds.push(lt(postings.at, range.to));
  const found = await historyQuery(db)
    .where(and(...conds))
    .orderBy(asc(postings.at), asc(postings.id));
  let balance = opening;
  return found.map(({ reversalId, key: _key, postingId: _id, ...r }) => {
    balance += r.amount;
    return { ...r, reversed: reversalId !== null, balance };
  });
}

/** The postings of an account with their entries, and the exact key a cursor needs. */
function historyQuery(db: Db) {
  return db
    .select({
      postingId: postings.id,
      key: exactTime(postings.at),
      entryId: journalEntries.id,
      at: postings.at,
      kind: journalEntries.kind,
      memo: journalEntries.memo,
      reason: journalEntries.reason,
      orderId: journalEntries.orderId,
      orderNumber: orders.number,
      invoiceId: journalEntries.invoiceId,
      reversesEntryId: journalEntries.reversesEntryId,
      reversalId: reversal.id,
      ruleCode: adjustments.ruleCode,
      ruleValue: adjustments.ruleValue,
      amount: postings.amount,
    })
    .from(postings)
    .innerJoin(journalEntries, eq(journalEntries.id, postings.entryId))
    .leftJoin(orders, eq(orders.id, journalEntries.orderId))
    .leftJoin(reversal, eq(reversal.reversesEntryId, journalEntries.id))
    .leftJoin(adjustments, eq(adjustments.entryId, journalEntries.id))
    .$dynamic();
}

/**
 * One page of an account's history, newest first, keyset-paged on (at, posting id), with the balance after
 * each row: the first row's is the sum of every posting up to and including it, and each next (older) row's
 * is the one above it less that row's amount.
 */
async function accountPage(
  db: Db,
  accountId: string,
  opts: { cursor?: string; limit?: number },
): Promise<Page<HistoryRow>> {
  const limit = opts.limit ?? PAGE_SIZE;
  const order = [postings.at, postings.id] as const;
  const found = await historyQuery(db)
    .where(
      and(
        eq(postings.accountId, accountId),
        afterCursor(order, decodeCursor(opts.cursor, 2), ['timestamptz', 'bigint'], 'desc'),
      ),
    )
    .orderBy(desc(postings.at), desc(postings.id))
    .limit(limit + 1);
  let balance = 0;
  if (found.length > 0) {
    // The balance after the page's newest row: the stored balance less the postings newer than that row (none on
    // the first page), in one statement so that a posting committed meanwhile is in both or in neither.
    const [{ total }] = await rows<{ total: string }>(
      db,
      sql`select (${storedBalance(accountId)}) - coalesce((select sum(p.amount) from postings p
                  where p.account_id = ${accountId}
                    and (p.at, p.id) > (cast(${found[0].key} as timestamptz), ${found[0].postingId})), 0) as total`,
    );
    balance = Number(total);
  }
  const withBalance = found.map(({ reversalId, key, postingId, ...r }) => {
    const row = { ...r, reversed: reversalId !== null, balance, key, postingId };
    balance -= r.amount;
    return row;
  });
  const count = await countUpTo(
    db,
    db.select({ id: postings.id }).from(postings).where(eq(postings.accountId, accountId)),
  );
  return toPage(
    withBalance,
    limit,
    (r) => [r.key, String(r.postingId)],
    ({ key: _key, postingId: _id, ...r }) => r,
    count,
  );
}

/** An account's balance (debit positive) from the stored balances the postings trigger keeps (migration 0040). */
const storedBalance = (accountId: string) =>
  sql`select coalesce(sum(b.debits - b.credits), 0) from account_balances b where b.account_id = ${accountId}`;

async function totalOf(db: Db, accountId: string): Promise<number> {
  const [{ total }] = await rows<{ total: string }>(db, sql`select (${storedBalance(accountId)}) as total`);
  return Number(total);
}

async function accountIdOf(db: Db, code: string): Promise<string | null> {
  const [row] = await db.select({ id: ledgerAccounts.id }).from(ledgerAccounts).where(eq(ledgerAccounts.code, code));
  return row?.id ?? null;
}

/**
 * `receivable`: what the client's receivable holds; `credit`: what their own credit account holds for them
 * (overpayments; the account is credit-normal, so this is minus its balance); `balance` = receivable − credit.
 */
export type ClientStatement = {
  balance: number;
  receivable: number;
  credit: number;
  currency: string;
  /** One page of the receivable's history, newest first. */
  rows: HistoryRow[];
  next: string | null;
  total: number;
  capped: boolean;
};

/**
 * A client's balance (what they owe, less the credit held for them; negative = in credit) and every
 * operation on their receivable, newest first, a page at a time.
 * A client reads only their own; staff read anyone's.
 */
export async function clientStatement(
  db: Db,
  actor: Actor,
  clientId: string,
  opts: { cursor?: string; limit?: number } = {},
): Promise<ClientStatement> {
  if (!(isStaff(actor) || (actor.role === 'client' && actor.id === clientId)))
    throw notFound('finance.errors.notFound');
  const { currency } = await getSettings(db);
  const id = await accountIdOf(db, accountCode({ type: 'receivable', clientId }));
  const page = id ? await accountPage(db, id, opts) : { items: [], next: null, total: 0, capped: false };
  const receivable = id ? await totalOf(db, id) : 0;
  const credit = 0 - (await accountBalance(db, { type: 'client_credit', clientId }));
  const { items, ...paging } = page;
  return { balance: receivable - credit, receivable, credit, currency, rows: items, ...paging };
}

export type EarningsCategory = 'earnings' | 'tips' | 'fines' | 'bonuses' | 'supplies' | 'payouts' | 'corrections';

export function earningsCategory(kind: string): EarningsCategory {
  switch (kind) {
    case 'order_completed':
      return 'earnings';
    case 'tip':
      return 'tips';
    case 'fine':
      return 'fines';
    case 'bonus':
      return 'bonuses';
    case 'supply_charge':
      return 'supplies';
    case 'payout':
      return 'payouts';
    default:
      return 'corrections';
  }
}

export type MonthTotals = Record<EarningsCategory, number> & { month: string; net: number; closingBalance: number };

export type WorkerMonth = {
  month: string;
  prevMonth: string;
  nextMonth: string;
  currency: string;
  /** From the worker's side: + money for them (earnings, bonuses), − money taken (fines, charges, payouts). */
  totals: MonthTotals;
  /** Owed to the worker at the start of the month (a negative: the worker owes). */
  openingBalance: number;
  rows: (HistoryRow & { category: EarningsCategory; workerAmount: number; ownedBalance: number })[];
  months: MonthTotals[];
};

function monthBounds(month: string, timeZone: string): { from: Date; to: Date; prev: string; next: string } {
  const [y, m] = month.split('-').map(Number);
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const [ny, nm] = next.split('-').map(Number);
  return {
    from: fromWallTime({ year: y, month: m, day: 1, hour: 0, minute: 0 }, timeZone),
    to: fromWallTime({ year: ny, month: nm, day: 1, hour: 0, minute: 0 }, timeZone),
    prev,
    next,
  };
}

export function currentMonth(now: Date, timeZone: string): string {
  const w = toWallTime(now, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}

const emptyTotals = (month: string): MonthTotals => ({
  month,
  earnings: 0,
  tips: 0,
  fines: 0,
  bonuses: 0,
  supplies: 0,
  payouts: 0,
  corrections: 0,
  net: 0,
  closingBalance: 0,
});

/**
 * A worker's month (company time zone): earnings, fines, bonuses, supply charges, payouts and the
 * balance, plus every month's totals. A worker reads only their own; staff read anyone's.
 */
export async function workerMonth(
  db: Db,
  actor: Actor,
  workerId: string,
  month: string | undefined,
): Promise<WorkerMonth> {
  if (!(isStaff(actor) || (actor.role === 'worker' && actor.id === workerId)))
    throw notFound('finance.errors.notFound');
  const { currency, timeZone } = await getSettings(db);
  const m = month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : currentMonth(new Date(), timeZone);
  const bounds = monthBounds(m, timeZone);
  const id = await accountIdOf(db, accountCode({ type: 'payable', workerId }));
  // The payable account is credit-normal: what we owe the worker is minus its balance.
  const list = id ? await accountRows(db, id, { from: bounds.from, to: bounds.to }) : [];
  // `0 - x`, not `-x`: a zero must not become −0 on the page.
  const opening = id
    ? 0 - (list.length ? list[0].balance - list[0].amount : await balanceBefore(db, id, bounds.from))
    : 0;
  const totals = emptyTotals(m);
  const detailed = list.map((r) => {
    const category = earningsCategory(r.kind);
    const workerAmount = 0 - r.amount;
    totals[category] += workerAmount;
    totals.net += workerAmount;
    return { ...r, category, workerAmount, ownedBalance: 0 - r.balance };
  });
  totals.closingBalance = opening + totals.net;
  const months = id ? await workerMonths(db, id, timeZone) : [];
  return {
    month: m,
    prevMonth: bounds.prev,
    nextMonth: bounds.next,
    currency,
    totals,
    openingBalance: opening,
    rows: detailed.reverse(),
    months,
  };
}

async function balanceBefore(db: Db, accountId: string, at: Date): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${postings.amount}), 0)` })
    .from(postings)
    .where(and(eq(postings.accountId, accountId), lt(postings.at, at)));
  return Number(row.total);
}

/** Totals per month and category for one payable account, newest month first, with closing balances. */
async function workerMonths(db: Db, accountId: string, timeZone: string): Promise<MonthTotals[]> {
  const found = await rows<{ month: string; kind: string; total: string }>(
    db,
    sql`select to_char(p.at at time zone ${timeZone}, 'YYYY-MM') as month, e.kind, sum(-p.amount)::text as total
        from postings p join journal_entries e on e.id = p.entry_id
        where p.account_id = ${accountId}
        group by 1, 2 order by 1`,
  );
  const byMonth = new Map<string, MonthTotals>();
  for (const r of found) {
    const t = byMonth.get(r.month) ?? emptyTotals(r.month);
    t[earningsCategory(r.kind)] += Number(r.total);
    t.net += Number(r.total);
    byMonth.set(r.month, t);
  }
  let running = 0;
  const list = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
  for (const t of list) {
    running += t.net;
    t.closingBalance = running;
  }
  return list.reverse();
}

export type TrialBalanceRow = {
  accountId: string;
  code: string;
  type: AccountType;
  ownerName: string | null;
  debits: number;
  credits: number;
  balance: number;
};

type TrialSqlRow = {
  account_id: string;
  code: string;
  type: AccountType;
  owner_name: string | null;
  debits: string;
  credits: string;
};

const trialRow = (r: TrialSqlRow): TrialBalanceRow => ({
  accountId: r.account_id,
  code: r.code,
  type: r.type,
  ownerName: r.owner_name,
  debits: Number(r.debits),
  credits: Number(r.credits),
  balance: Number(r.debits) - Number(r.credits),
});

/** Each account's turnover so far: the sum of its rows in account_balances, which the posting trigger keeps. */
const storedTurnover = sql`(select account_id, sum(debits) as debits, sum(credits) as credits
    from account_balances group by account_id)`;

/**
 * Every account with its debit and credit turnover and balance; the totals of both columns are equal. Now: from
 * the stored balances; at an instant (`until`): summed from the postings up to it.
 */
export async function trialBalance(
  db: Db,
  actor: Actor,
  opts: { until?: Date } = {},
): Promise<{ rows: TrialBalanceRow[]; totalDebit: number; totalCredit: number; currency: string }> {
  assertStaff(actor);
  const { currency } = await getSettings(db);
  const turnover = opts.until
    ? sql`(select p.account_id, sum(p.amount) filter (where p.amount > 0) as debits,
              -sum(p.amount) filter (where p.amount < 0) as credits
            from postings p where p.at <= ${opts.until.toISOString()}::timestamptz group by p.account_id)`
    : storedTurnover;
  const found = await rows<TrialSqlRow>(
    db,
    sql`select a.id as account_id, a.code, a.type, u.name as owner_name,
               coalesce(t.debits, 0)::text as debits, coalesce(t.credits, 0)::text as credits
        from ledger_accounts a
        left join users u on u.id = a.owner_id
        left join ${turnover} t on t.account_id = a.id
        order by a.type, u.name nulls first, a.code`,
  );
  const list = found.map(trialRow);
  // A trial balance shows each balance in the debit or the credit column; the two columns must agree.
  const totalDebit = list.reduce((s, r) => s + Math.max(0, r.balance), 0);
  const totalCredit = list.reduce((s, r) => s + Math.max(0, -r.balance), 0);
  return { rows: list, totalDebit, totalCredit, currency };
}

/**
 * The trial balance as the ledger page shows it: the totals of both balance columns over every account, and one
 * keyset page of the accounts, since clients' and workers' accounts grow with the business. Paged in the order
 * of the account code, whose unique index answers it a page at a time: a code starts with its type, so the
 * accounts come grouped by type (system accounts first within each), the people's accounts within a type in a
 * stable order (their owner's id) rather than by name, which would sort every account on every page.
 */
export async function trialBalancePage(
  db: Db,
  actor: Actor,
  opts: { cursor?: string; limit?: number } = {},
): Promise<{ page: Page<TrialBalanceRow>; totalDebit: number; totalCredit: number; currency: string }> {
  assertStaff(actor);
  const limit = opts.limit ?? PAGE_SIZE;
  const after = afterCursor([ledgerAccounts.code], decodeCursor(opts.cursor, 1), ['text'], 'asc');
  const [{ currency }, [totals], found, count] = await Promise.all([
    getSettings(db),
    rows<{ debit: string; credit: string }>(
      db,
      sql`select coalesce(sum(greatest(b.balance, 0)), 0)::text as debit,
                 coalesce(sum(greatest(-b.balance, 0)), 0)::text as credit
          from (select account_id, sum(debits - credits) as balance from account_balances group by account_id) b`,
    ),
    rows<TrialSqlRow>(
      db,
      sql`select a.id as account_id, a.code, a.type, u.name as owner_name,
                 coalesce(t.debits, 0)::text as debits, coalesce(t.credits, 0)::text as credits
          from (select * from ${ledgerAccounts} ${after ? sql`where ${after}` : sql``}
                order by ${ledgerAccounts.code} limit ${limit + 1}) a
          left join users u on u.id = a.owner_id
          left join lateral (select sum(b.debits) as debits, sum(b.credits) as credits
                             from account_balances b where b.account_id = a.id) t on true
          order by a.code`,
    ),
    countUpTo(db, db.select({ id: ledgerAccounts.id }).from(ledgerAccounts)),
  ]);
  const page = toPage(found, limit, (r) => [r.code], trialRow, count);
  return { page, totalDebit: Number(totals.debit), totalCredit: Number(totals.credit), currency };
}

export function trialBalanceCsv(tb: Awaited<ReturnType<typeof trialBalance>>): string {
  const money = (minor: number) => (minor / 100).toFixed(2);
  return toCsv(
    ['account', 'type', 'owner', 'turnover_debit', 'turnover_credit', 'balance_debit', 'balance_credit'],
    [
      ...tb.rows.map((r) => [
        r.code,
        r.type,
        r.ownerName ?? '',
        money(r.debits),
        money(r.credits),
        money(Math.max(0, r.balance)),
        money(Math.max(0, -r.balance)),
      ]),
      ['TOTAL', '', '', '', '', money(tb.totalDebit), money(tb.totalCredit)],
    ],
  );
}

export type AccountDetail = {
  accountId: string;
  code: string;
  type: AccountType;
  ownerId: string | null;
  ownerName: string | null;
  balance: number;
  currency: string;
  /** One page of the history, newest first. */
  rows: HistoryRow[];
  next: string | null;
  total: number;
  capped: boolean;
};

/** Any account's history, a page at a time, for staff. */
export async function accountHistory(
  db: Db,
  actor: Actor,
  accountId: string,
  opts: { cursor?: string; limit?: number } = {},
): Promise<AccountDetail> {
  assertStaff(actor);
  const [acc] = await db
    .select({
      id: ledgerAccounts.id,
      code: ledgerAccounts.code,
      type: ledgerAccounts.type,
      ownerId: ledgerAccounts.ownerId,
      ownerName: users.name,
    })
    .from(ledgerAccounts)
    .leftJoin(users, eq(users.id, ledgerAccounts.ownerId))
    .where(eq(ledgerAccounts.id, accountId));
  if (!acc) throw notFound('finance.errors.accountNotFound');
  const { currency } = await getSettings(db);
  const { items, ...paging } = await accountPage(db, acc.id, opts);
  return {
    accountId: acc.id,
    code: acc.code,
    type: acc.type,
    ownerId: acc.ownerId,
    ownerName: acc.ownerName,
    balance: await totalOf(db, acc.id),
    currency,
    rows: items,
    ...paging,
  };
}

export type AdjustmentRow = {
  id: string;
  kind: string;
  subjectName: string;
  amount: number;
  reason: string;
  ruleCode: string | null;
  ruleValue: number | null;
  orderNumber: string | null;
  createdAt: Date;
  entryId: string;
  waived: boolean;
};

export type AdjustmentFilter = {
  kind?: AdjustmentKind;
  /** The worker's or client's name fragment. */
  q?: string;
  cursor?: string;
  limit?: number;
};

/**
 * Fines, bonuses, write-offs and supply charges, newest first, for staff: filtered by kind and the person's
 * name, keyset-paged on (created_at, id) with the count of the filtered set.
 */
export async function listAdjustments(db: Db, actor: Actor, f: AdjustmentFilter = {}): Promise<Page<AdjustmentRow>> {
  assertStaff(actor);
  const limit = Math.max(1, Math.min(f.limit ?? PAGE_SIZE, 100));
  const q = f.q?.trim().slice(0, 100);
  const where = and(
    f.kind ? eq(adjustments.kind, f.kind) : undefined,
    q ? ilike(users.name, containing(q)) : undefined,
  );
  const key = decodeCursor(f.cursor, 2);
  const [found, n] = await Promise.all([
    db
      .select({
        id: adjustments.id,
        kind: adjustments.kind,
        subjectName: users.name,
        amount: adjustments.amount,
        reason: adjustments.reason,
        ruleCode: adjustments.ruleCode,
        ruleValue: adjustments.ruleValue,
        orderNumber: orders.number,
        createdAt: adjustments.createdAt,
        createdKey: exactTime(adjustments.createdAt),
        entryId: adjustments.entryId,
        reversalId: reversal.id,
      })
      .from(adjustments)
      .innerJoin(users, eq(users.id, adjustments.subjectId))
      .leftJoin(orders, eq(orders.id, adjustments.orderId))
      .leftJoin(reversal, eq(reversal.reversesEntryId, adjustments.entryId))
      .where(and(where, afterCursor([adjustments.createdAt, adjustments.id], key, ['timestamptz', 'uuid'], 'desc')))
      .orderBy(desc(adjustments.createdAt), desc(adjustments.id))
      .limit(limit + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(adjustments)
        .innerJoin(users, eq(users.id, adjustments.subjectId))
        .where(where),
    ),
  ]);
  return toPage(
    found,
    limit,
    (r) => [r.createdKey, r.id],
    ({ reversalId, createdKey: _key, ...r }) => ({ ...r, waived: reversalId !== null }),
    n,
  );
}

export type PersonOption = { id: string; name: string; email: string };

/**
 * Workers or clients whose name or email holds `q`, by name, keyset-paged: the manual adjustment form's
 * picker searches as the manager types instead of loading everyone. Staff only.
 */
export async function searchPeople(
  db: Db,
  actor: Actor,
  f: { role: 'client' | 'worker'; q?: string; cursor?: string; limit?: number },
): Promise<Page<PersonOption>> {
  assertStaff(actor);
  const limit = Math.max(1, Math.min(f.limit ?? 20, 50));
  const q = f.q?.trim().slice(0, 100);
  const where = and(
    eq(users.role, f.role),
    q ? or(ilike(users.name, containing(q)), ilike(users.email, containing(q))) : undefined,
  );
  const key = decodeCursor(f.cursor, 2);
  const [found, n] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(where, afterCursor([users.name, users.id], key, ['text', 'uuid'], 'asc')))
      .orderBy(asc(users.name), asc(users.id))
      .limit(limit + 1),
    countUpTo(
      db,
      db
        .select({ one: sql`1` })
        .from(users)
        .where(where),
    ),
  ]);
  return toPage(
    found,
    limit,
    (r) => [r.name, r.id],
    (r) => r,
    n,
  );
}
