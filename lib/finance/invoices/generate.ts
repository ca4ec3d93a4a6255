import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { rows } from '@/db/connect';
import { applyClientCredit } from './apply-credit';

export type InvoiceBatchInput = {
  /** Items that happened before this instant and are not yet invoiced are billed (the end of the closed week). */
  until: Date;
  periodFrom: string;
  periodTo: string;
  issuedAt: Date;
  dueDate: string;
  /** Year of the numbers (INV-<year>-000042): the issue date's year in the company zone. */
  year: number;
  currency: string;
  /** Clients after this id (the chunk cursor), at most `limit` of them. */
  afterClientId: string | null;
  limit: number;
  /** Only this client (an admin's re-issue). */
  clientId?: string;
  reissueOf?: string;
};

/** The charge entry with this key was reversed (an admin took the charge back before it was invoiced). */
const reversed = (key: SQL) =>
  sql`exists (select 1 from journal_entries c join journal_entries r on r.reverses_entry_id = c.id where c.key = ${key})`;

export type InvoiceBatchResult = { invoices: number; lines: number; total: number; lastClientId: string | null };

/**
 * One set-based statement: the completed orders (by finished_at), late-cancellation fees, charges for
 * failed orders and tips put on the invoice, not yet on an invoice line, for the next `limit` clients in id order, become one invoice per client with one
 * line per item. Numbers come gapless from the year's counter row, taken in the same statement (the
 * row lock serialises concurrent batches). Selection is by "not yet invoiced", not by week, so an order
 * finished late in an already invoiced week lands on the next invoice; the lines' primary key (order_id)
 * makes a second, concurrent batch fail instead of billing an order twice. Clients holding credit then
 * have it applied to their open invoices, the new one included (same transaction), so they are asked
 * only for what is still due.
 */
export async function invoiceBatch(tx: Db, input: InvoiceBatchInput): Promise<InvoiceBatchResult> {
  const after = input.afterClientId;
  const only = input.clientId ?? null;
  const [result] = await rows<{
    invoices: number;
    lines: number;
    total: string | number;
    last_client: string | null;
    credit_clients: string | null;
  }>(
    tx,
    sql`
    with items as materialized (
      select o.id as order_id, o.client_id, 'order'::text as kind, coalesce(o.price_total, o.estimate_total) as amount, o.finished_at as occurred_at
        from orders o
       where o.status = 'completed' and o.finished_at < ${input.until.toISOString()}::timestamptz
         and (${after}::uuid is null or o.client_id > ${after}::uuid)
         and (${only}::uuid is null or o.client_id = ${only}::uuid)
         and not exists (select 1 from invoice_lines l where l.order_id = o.id)
         and not ${reversed(sql`'order:' || o.id::text || ':completed'`)}
      union all
      select o.id, o.client_id, 'cancellation_fee', o.cancellation_fee, o.updated_at
        from orders o
       where o.status = 'cancelled' and o.cancellation_fee > 0 and o.updated_at < ${input.until.toISOString()}::timestamptz
         and (${after}::uuid is null or o.client_id > ${after}::uuid)
         and (${only}::uuid is null or o.client_id = ${only}::uuid)
         and not exists (select 1 from invoice_lines l where l.order_id = o.id)
         and not ${reversed(sql`'order:' || o.id::text || ':cancellation_fee'`)}
      union all
      -- A failed order the manager decided to charge for: the amount lib/finance put on the receivable.
      select o.id, o.client_id, 'failure_charge', p.amount, je.at
        from orders o
        join journal_entries je on je.order_id = o.id and je.kind = 'failure_charge'
        join postings p on p.entry_id = je.id and p.amount > 0
       where o.status = 'failed' and je.at < ${input.until.toISOString()}::timestamptz
         and (${after}::uuid is null or o.client_id > ${after}::uuid)
         and (${only}::uuid is null or o.client_id = ${only}::uuid)
         and not exists (select 1 from journal_entries r where r.reverses_entry_id = je.id)
         and not exists (select 1 from invoice_lines l where l.order_id = o.id)
      union all
      -- A tip the client put on their next invoice (lib/finance/tips.ts): the line's key is the tip's id.
      select t.id, t.client_id, 'tip', t.amount, t.posted_at
        from tips t
       where t.method = 'invoice' and t.status = 'owed' and t.posted_at < ${input.until.toISOString()}::timestamptz
         and (${after}::uuid is null or t.client_id > ${after}::uuid)
         and (${only}::uuid is null or t.client_id = ${only}::uuid)
         and not exists (select 1 from journal_entries r where r.reverses_entry_id = t.entry_id)
         and not exists (select 1 from invoice_lines l where l.order_id = t.id)
    ),
    per_client as (
      select client_id, sum(amount)::bigint as total, count(*)::int as n
        from items group by client_id order by client_id limit ${input.limit}
    ),
    counter as (
      insert into invoice_counters as c (year, last)
      select ${input.year}, count(*) from per_client
      on conflict (year) do update set last = c.last + excluded.last
      returning last
    ),
    numbered as (
      select p.client_id, p.total, p.n,
             (select last from counter) - (select count(*) from per_client) + row_number() over (order by p.client_id) as seq
        from per_client p
    ),
    new_invoices as (
      insert into invoices (number, client_id, period_from, period_to, currency, total, line_count, issued_at, due_date, reissue_of)
      select 'INV-' || ${input.year}::text || '-' || lpad(seq::text, greatest(6, length(seq::text)), '0'),
             client_id, ${input.periodFrom}::date, ${input.periodTo}::date, ${input.currency}, total, n, ${input.issuedAt.toISOString()}::timestamptz, ${input.dueDate}::date, ${input.reissueOf ?? null}::uuid
        from numbered
      returning id, client_id, total, line_count
    ),
    new_lines as (
      insert into invoice_lines (invoice_id, order_id, kind, amount, occurred_at)
      select n.id, i.order_id, i.kind, i.amount, i.occurred_at
        from items i join new_invoices n using (client_id)
       order by i.order_id -- key order: the primary key's btree fills page by page instead of at random
      returning 1
    )
    select (select count(*)::int from new_invoices) as invoices,
           (select count(*)::int from new_lines) as lines,
           (select coalesce(sum(total), 0)::bigint from new_invoices) as total,
           (select max(client_id::text) from new_invoices) as last_client,
           -- Only clients who ever had a credit account: the rest have no credit to apply.
           (select string_agg(n.client_id::text, ',' order by n.client_id)
              from new_invoices n
             where exists (select 1 from ledger_accounts a where a.code = 'client_credit:' || n.client_id::text)) as credit_clients`,
  );
  for (const clientId of result.credit_clients ? result.credit_clients.split(',') : [])
    await applyClientCredit(tx, clientId, input.issuedAt);
  return {
    invoices: result.invoices,
    lines: result.lines,
    total: Number(result.total),
    lastClientId: result.last_client,
  };
}
