import 'server-only';
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { journalEntries, ledgerAccounts, postings, type AccountType } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { DomainError, forbidden, notFound, validationFailed } from '@/lib/errors';

// The double-entry ledger: the single source of truth for money. Sign convention (db/schema/finance.ts):
// amount > 0 is a debit, amount < 0 a credit; the lines of an entry sum to zero.

export type SystemAccountType = Exclude<AccountType, 'receivable' | 'payable'>;
/**
 * `{ type: 'client_credit', clientId }` is one client's own credit (overpayments held for them), owned
 * like a receivable; the bare `{ type: 'client_credit' }` is the older system-wide account, still valid.
 */
export type AccountRef =
  | { type: 'receivable'; clientId: string }
  | { type: 'payable'; workerId: string }
  | { type: 'client_credit'; clientId: string }
  | { type: SystemAccountType; clientId?: undefined };

export type EntryLine = { account: AccountRef; amount: number };

export type PostEntryInput = {
  /** Unique idempotency key of the fact, e.g. `order:<id>:completed`. A repeated key posts nothing. */
  key: string;
  kind: string;
  memo?: string;
  orderId?: string;
  invoiceId?: string;
  /** When the fact happened; defaults to now. */
  at?: Date;
  lines: EntryLine[];
  /** Who recorded it and why (manual entries, waivers, reversals). */
  actorId?: string | null;
  reason?: string;
  reversesEntryId?: string;
};

/** Who may act on the ledger: a signed-in actor, or the system (subscribers, jobs). */
export type LedgerActor = Pick<Actor, 'id' | 'role'> | { id: null; role: 'system' };

export function accountCode(ref: AccountRef): string {
  if (ref.type === 'receivable') return `receivable:${ref.clientId}`;
  if (ref.type === 'payable') return `payable:${ref.workerId}`;
  if (ref.type === 'client_credit' && ref.clientId) return `client_credit:${ref.clientId}`;
  return ref.type;
}

function ownerOf(ref: AccountRef): string | null {
  if (ref.type === 'receivable') return ref.clientId;
  if (ref.type === 'payable') return ref.workerId;
  if (ref.type === 'client_credit' && ref.clientId) return ref.clientId;
  return null;
}

/** Gets or creates the accounts for these refs; returns code -> id. */
export async function resolveAccounts(tx: Db, refs: AccountRef[]): Promise<Map<string, string>> {
  const byCode = new Map<string, AccountRef>();
  for (const ref of refs) byCode.set(accountCode(ref), ref);
  // In code order, so that two transactions creating the same new accounts never wait on each other in a cycle.
  const codes = [...byCode.keys()].sort();
  if (codes.length === 0) return new Map();
  // ON CONFLICT DO NOTHING makes concurrent creators agree on one row per code.
  await tx
    .insert(ledgerAccounts)
    .values(codes.map((code) => ({ code, type: byCode.get(code)!.type, ownerId: ownerOf(byCode.get(code)!) })))
    .onConflictDoNothing({ target: ledgerAccounts.code });
  const found = await tx
    .select({ id: ledgerAccounts.id, code: ledgerAccounts.code })
    .from(ledgerAccounts)
    .where(inArray(ledgerAccounts.code, codes));
  return new Map(found.map((r) => [r.code, r.id]));
}

/** Pure: throws unless the lines are safe integers (zero lines dropped), at least two, summing to zero. */
export function checkLines(lines: EntryLine[]): EntryLine[] {
  const kept = lines.filter((l) => {
    if (!Number.isSafeInteger(l.amount))
      throw new RangeError(`Posting amount is not an integer in minor units: ${l.amount}`);
    return l.amount !== 0;
  });
  if (kept.length < 2) throw new RangeError('A journal entry needs at least two non-zero lines');
  const sum = kept.reduce((s, l) => s + l.amount, 0);
  if (sum !== 0) throw new RangeError(`Journal entry lines sum to ${sum}, not zero`);
  return kept;
}

/**
 * Posts one journal entry inside the caller's transaction (a savepoint when given one; its own
 * transaction otherwise). Idempotent by key: a repeated call returns the first entry with created=false
 * and posts nothing. The database re-checks the balance at commit (deferred constraint trigger).
 */
export async function postEntry(tx: Db, input: PostEntryInput): Promise<{ entryId: string; created: boolean }> {
  const [result] = await postEntries(tx, [input]);
  return result;
}

/**
 * Posts several journal entries at once, with `postEntry`'s rules for each (checked lines, idempotent by
 * key), in one savepoint and four statements whatever their number: the entries, the accounts (created
 * when missing, then read), the postings. Results in the inputs' order; `postEntry` is the one-item case.
 */
export async function postEntries(
  tx: Db,
  inputs: readonly PostEntryInput[],
): Promise<{ entryId: string; created: boolean }[]> {
  if (inputs.length === 0) return [];
  const checked = inputs.map((input) => ({ input, lines: checkLines(input.lines), at: input.at ?? new Date() }));
  if (new Set(inputs.map((i) => i.key)).size !== inputs.length)
    throw new RangeError('postEntries: a key appears twice in one batch');
  return tx.transaction(async (t) => {
    const inserted = await t
      .insert(journalEntries)
      .values(
        checked.map(({ input, at }) => ({
          key: input.key,
          kind: input.kind,
          memo: input.memo ?? null,
          orderId: input.orderId ?? null,
          invoiceId: input.invoiceId ?? null,
          reversesEntryId: input.reversesEntryId ?? null,
          actorId: input.actorId ?? null,
          reason: input.reason ?? null,
          at,
        })),
      )
      .onConflictDoNothing({ target: journalEntries.key })
      .returning({ id: journalEntries.id, key: journalEntries.key });
    const created = new Map(inserted.map((r) => [r.key, r.id]));
    const missing = inputs.filter((i) => !created.has(i.key)).map((i) => i.key);
    const existing = new Map(
      missing.length === 0
        ? []
        : (
            await t
              .select({ id: journalEntries.id, key: journalEntries.key })
              .from(journalEntries)
              .where(inArray(journalEntries.key, missing))
          ).map((r) => [r.key, r.id]),
    );
    const fresh = checked.filter(({ input }) => created.has(input.key));
    if (fresh.length > 0) {
      const ids = await resolveAccounts(
        t,
        fresh.flatMap(({ lines }) => lines.map((l) => l.account)),
      );
      await t.insert(postings).values(
        fresh.flatMap(({ input, lines, at }) =>
          lines.map((l) => ({
            entryId: created.get(input.key)!,
            accountId: ids.get(accountCode(l.account))!,
            amount: l.amount,
            at,
          })),
        ),
      );
    }
    return inputs.map((i) =>
      created.has(i.key)
        ? { entryId: created.get(i.key)!, created: true }
        : { entryId: existing.get(i.key)!, created: false },
    );
  });
}

export async function findEntryByKey(db: Db, key: string): Promise<{ id: string } | null> {
  const [row] = await db.select({ id: journalEntries.id }).from(journalEntries).where(eq(journalEntries.key, key));
  return row ?? null;
}

/**
 * Balance of an account as the sum of its postings (debit positive), optionally up to an instant.
 * An account that was never posted to has balance 0.
 */
export async function accountBalance(
  db: Db,
  ref: AccountRef | { accountId: string },
  /** Postings at or before `until`, and (for a period's movement rather than a balance) after `after`. */
  opts: { until?: Date; after?: Date } = {},
): Promise<number> {
  const accountFilter =
    'accountId' in ref
      ? eq(postings.accountId, ref.accountId)
      : sql`${postings.accountId} = (select ${ledgerAccounts.id} from ${ledgerAccounts} where ${ledgerAccounts.code} = ${accountCode(ref)})`;
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${postings.amount}), 0)` })
    .from(postings)
    .where(
      and(
        accountFilter,
        opts.until ? lte(postings.at, opts.until) : undefined,
        opts.after ? gt(postings.at, opts.after) : undefined,
      ),
    );
  return Number(row.total);
}

/**
 * Reverses an entry: a new entry with negated lines, key `reversal:<entryId>`; the original is never
 * touched. Admins reverse any entry; the system reverses as part of a fact (a failed review). A second
 * reversal of the same entry posts nothing. A reason is required.
 */
export async function reverseEntry(
  tx: Db,
  actor: LedgerActor,
  entryId: string,
  reason: string,
  opts: { kind?: string; at?: Date } = {},
): Promise<{ entryId: string; created: boolean }> {
  if (actor.role !== 'system' && actor.role !== 'admin') throw forbidden();
  return reverseEntryUnchecked(tx, actor.id, entryId, reason, opts);
}

/** Reversal without the role check: for module code that has checked permissions itself (a manager's waiver). */
export async function reverseEntryUnchecked(
  tx: Db,
  actorId: string | null,
  entryId: string,
  reason: string,
  opts: { kind?: string; at?: Date } = {},
): Promise<{ entryId: string; created: boolean }> {
  if (!reason.trim())
    throw validationFailed({ reason: 'finance.errors.reasonRequired' }, 'finance.errors.reasonRequired');
  const [entry] = await tx
    .select({
      id: journalEntries.id,
      kind: journalEntries.kind,
      orderId: journalEntries.orderId,
      invoiceId: journalEntries.invoiceId,
      memo: journalEntries.memo,
    })
    .from(journalEntries)
    .where(eq(journalEntries.id, entryId));
  if (!entry) throw notFound('finance.errors.entryNotFound');
  const lines = await tx
    .select({
      accountId: postings.accountId,
      amount: postings.amount,
      code: ledgerAccounts.code,
      type: ledgerAccounts.type,
      ownerId: ledgerAccounts.ownerId,
    })
    .from(postings)
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, postings.accountId))
    .where(eq(postings.entryId, entryId));
  if (lines.length === 0) throw new DomainError('conflict', 'finance.errors.entryEmpty');
  return postEntry(tx, {
    key: `reversal:${entryId}`,
    kind: opts.kind ?? 'reversal',
    memo: entry.memo ? `↩ ${entry.memo}` : undefined,
    orderId: entry.orderId ?? undefined,
    invoiceId: entry.invoiceId ?? undefined,
    at: opts.at,
    actorId,
    reason: reason.trim(),
    reversesEntryId: entryId,
    lines: lines.map((l) => ({ account: refOfAccount(l.type, l.ownerId), amount: -l.amount })),
  });
}

export function refOfAccount(type: AccountType, ownerId: string | null): AccountRef {
  if (type === 'receivable') return { type, clientId: ownerId! };
  if (type === 'payable') return { type, workerId: ownerId! };
  if (type === 'client_credit' && ownerId) return { type, clientId: ownerId };
  return { type };
}
