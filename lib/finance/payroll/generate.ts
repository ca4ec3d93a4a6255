import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rows } from '@/db/connect';

export type PayrollBatchInput = {
  runId: string;
  period: string;
  /** Items before this instant (the end of the closed month) not yet on a payslip are paid. */
  until: Date;
  afterWorkerId: string | null;
  limit: number;
};

export type PayrollBatchResult = { payslips: number; lines: number; net: number; lastWorkerId: string | null };

/**
 * One set-based statement for the next `limit` workers: the pay of their completed orders (orders.pay_total,
 * fixed by lib/finance at matching), minus fines and supply charges, plus bonuses (lib/finance adjustments
 * whose ledger entry was not reversed — a waived fine is not deducted) and clients' tips, not yet on any payslip, become one
 * payslip per worker with a line per item. Like invoices, selection is by "not yet on a payslip" (an item
 * recorded late for a closed month goes on the next payslip), and the lines' primary key (the source item) stops
 * a second concurrent batch from paying an item twice.
 */
export async function payrollBatch(tx: Db, input: PayrollBatchInput): Promise<PayrollBatchResult> {
  const after = input.afterWorkerId;
  const until = input.until.toISOString();
  // The tips this batch may pay are locked first, in their own statement, as a refund of a tip's payment locks
  // its tip (lib/payments/refunds.ts): a refund that got there first has committed by the time the statement
  // below reads (READ COMMITTED: a fresh snapshot per statement), so the payslip pays the tip less it; a refund
  // that comes later waits for this batch's commit and then finds the tip on a payslip and is refused. (Tips of
  // workers past this batch's are locked too, for the chunk's short transaction: the batch's workers are only
  // known once the statement below has chosen them.)
  await tx.execute(sql`
    select t.id from tips t
     where t.entry_id is not null and t.posted_at < ${until}::timestamptz and t.amount > t.refunded_amount
       and (${after}::uuid is null or t.worker_id > ${after}::uuid)
       and not exists (select 1 from payslip_lines l where l.source_id = t.id)
     order by t.id
       for update of t`);
  const [r] = await rows<{ payslips: number; lines: number; net: string | number; last_worker: string | null }>(
    tx,
    sql`
    with items as materialized (
      select o.worker_id, 'order'::text as kind, o.id as source_id, o.id as order_id, o.pay_total as amount, o.finished_at as occurred_at, o.number as label
        from orders o
       where o.status = 'completed' and o.finished_at < ${until}::timestamptz and o.worker_id is not null and o.pay_total is not null
         and (${after}::uuid is null or o.worker_id > ${after}::uuid)
         and not exists (select 1 from payslip_lines l where l.source_id = o.id)
      union all
      select a.subject_id, a.kind, a.id, a.order_id, case when a.kind = 'bonus' then a.amount else -a.amount end, je.at, a.reason
        from adjustments a
        join journal_entries je on je.id = a.entry_id
       where a.kind in ('fine', 'supply_charge', 'bonus') and je.at < ${until}::timestamptz
         and (${after}::uuid is null or a.subject_id > ${after}::uuid)
         and not exists (select 1 from journal_entries r where r.reverses_entry_id = a.entry_id)
         and not exists (select 1 from payslip_lines l where l.source_id = a.id)
      union all
      -- Clients' tips (lib/finance/tips.ts): those posted (on an invoice, or charged), not reversed, less what a
      -- refund of the card payment gave back (its refund entry reverses the tip's in part; a tip refunded in full
      -- is left off).
      select t.worker_id, 'tip', t.id, t.order_id, t.amount - t.refunded_amount, t.posted_at, o.number
        from tips t
        join orders o on o.id = t.order_id
       where t.entry_id is not null and t.posted_at < ${until}::timestamptz and t.amount > t.refunded_amount
         and (${after}::uuid is null or t.worker_id > ${after}::uuid)
         and not exists (select 1 from journal_entries r where r.reverses_entry_id = t.entry_id and r.kind <> 'refund')
         and not exists (select 1 from payslip_lines l where l.source_id = t.id)
         -- A refund of the tip's card payment still waiting for the provider's answer (lib/payments' refunds):
         -- the tip waits for the next run, which pays it less whatever that refund gave back.
         and not exists (select 1 from refunds rf join payments p on p.id = rf.payment_id
                          where rf.status = 'pending' and p.provider = t.provider and p.provider_ref = t.provider_ref)
    ),
    per_worker as (
      select i.worker_id,
             count(*) filter (where i.kind = 'order')::int as order_count,
             coalesce(sum(i.amount) filter (where i.kind = 'order'), 0)::bigint as earnings,
             coalesce(-sum(i.amount) filter (where i.kind in ('fine', 'supply_charge')), 0)::bigint as deductions,
             coalesce(sum(i.amount) filter (where i.kind = 'bonus'), 0)::bigint as bonuses,
             coalesce(sum(i.amount) filter (where i.kind = 'tip'), 0)::bigint as tips,
             sum(i.amount)::bigint as net
        from items i
       group by i.worker_id order by i.worker_id limit ${input.limit}
    ),
    new_slips as (
      insert into payslips (run_id, worker_id, period, order_count, earnings, deductions, bonuses, tips, net)
      select ${input.runId}::uuid, worker_id, ${input.period}, order_count, earnings, deductions, bonuses, tips, net from per_worker
      returning id, worker_id, net
    ),
    new_lines as (
      insert into payslip_lines (payslip_id, kind, source_id, order_id, amount, occurred_at, label)
      select s.id, i.kind, i.source_id, i.order_id, i.amount, i.occurred_at, i.label
        from items i join new_slips s using (worker_id)
       order by i.source_id
      returning 1
    )
    select (select count(*)::int from new_slips) as payslips,
           (select count(*)::int from new_lines) as lines,
           (select coalesce(sum(net), 0)::bigint from new_slips) as net,
           (select max(worker_id::text) from new_slips) as last_worker`,
  );
  return { payslips: r.payslips, lines: r.lines, net: Number(r.net), lastWorkerId: r.last_worker };
}

/** Recomputes a run's totals from its payslips. */
export async function refreshRunTotals(tx: Db, runId: string): Promise<void> {
  await tx.execute(sql`
    update payroll_runs r set
      worker_count = s.n, earnings = s.earnings, deductions = s.deductions, bonuses = s.bonuses, tips = s.tips, net = s.net
    from (select count(*)::int n, coalesce(sum(earnings), 0) earnings, coalesce(sum(deductions), 0) deductions,
                 coalesce(sum(bonuses), 0) bonuses, coalesce(sum(tips), 0) tips, coalesce(sum(net), 0) net
            from payslips where run_id = ${runId}::uuid) s
    where r.id = ${runId}::uuid`);
}
