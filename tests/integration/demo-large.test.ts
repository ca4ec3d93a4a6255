import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { payrollRuns, users } from '@/db/schema';
import { seedIfEmpty } from '@/lib/demo';
import { trialBalance } from '@/lib/finance';
import { setupTestDb } from '../support/db';

const t = setupTestDb();

// The large demo at a small scale: the same code path as `npm run db:seed -- --size large` (every booking,
// start, finish, cancellation, review, invoice, payment and payroll step through the module functions), over
// five weeks and about 20 clients instead of six months and 400, so it fits the test run. The anchor is fixed
// so the run is the same every time; it spans two month ends, so two payroll runs go through to paid.
describe('the large demo', () => {
  it('leaves a company whose ledger balances, whose invoices add up and whose orders agree with their events', async () => {
    const summary = await seedIfEmpty(t.db, {
      size: 'large',
      // On PostgreSQL, different workers' days run side by side as `npm run db:seed` runs them there.
      large: {
        scale: 0.05,
        days: 35,
        now: new Date('2026-03-06T15:00:00+03:00'),
        seed: 7,
        concurrency: t.conn.kind === 'postgres' ? 4 : 1,
      },
    });
    if (typeof summary !== 'object') throw new Error('expected the large demo summary');
    expect(summary.workers).toBe(25);
    expect(summary.completed).toBeGreaterThan(20);
    expect(summary.cancelled).toBeGreaterThan(0);
    expect(summary.invoices).toBeGreaterThan(0);
    expect(summary.payments).toBeGreaterThan(0);
    expect(summary.ratings).toBeGreaterThan(0);

    // Trial balance: every debit has its credit, in all and entry by entry.
    const [admin] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@brigada.local'));
    const tb = await trialBalance(
      t.db,
      { id: admin.id, role: 'admin', name: 'Admin', email: 'admin@brigada.local', locale: 'ru' },
      {},
    );
    expect(tb.totalDebit).toBeGreaterThan(0);
    expect(tb.totalDebit - tb.totalCredit).toBe(0);
    const unbalanced = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from (select entry_id from postings group by entry_id having sum(amount) <> 0) x`,
    );
    expect(unbalanced[0].n).toBe(0);

    // Every invoice's total is the sum of its lines.
    const badInvoices = await rows<{ n: number; all: number }>(
      t.db,
      sql`select count(*) filter (where i.total <> coalesce(l.sum, 0))::int as n, count(*)::int as all
            from invoices i
            left join (select invoice_id, sum(amount) as sum from invoice_lines group by invoice_id) l
              on l.invoice_id = i.id`,
    );
    expect(badInvoices[0].all).toBeGreaterThan(0);
    expect(badInvoices[0].n).toBe(0);

    // Every order's status is where its events lead: the first event creates it pending, each event starts
    // where the one before ended, and the last one ends at the order's status.
    const orderChecks = await rows<{ orders: number; bad_last: number; bad_first: number; broken_chain: number }>(
      t.db,
      sql`with ev as (
            select e.order_id, e.from_status, e.to_status, e.kind,
                   lag(e.to_status) over (partition by e.order_id order by e.at, e.id) as prev_to,
                   row_number() over (partition by e.order_id order by e.at, e.id) as n,
                   row_number() over (partition by e.order_id order by e.at desc, e.id desc) as back
              from order_events e
          )
          select (select count(*)::int from orders) as orders,
                 (select count(*)::int from orders o
                    where o.status <> (select ev.to_status from ev where ev.order_id = o.id and ev.back = 1)) as bad_last,
                 (select count(*)::int from ev where ev.n = 1 and (ev.to_status <> 'pending' or ev.from_status is not null)) as bad_first,
                 (select count(*)::int from ev where ev.n > 1 and ev.from_status is distinct from ev.prev_to) as broken_chain`,
    );
    expect(orderChecks[0].orders).toBeGreaterThan(50);
    expect(orderChecks[0]).toMatchObject({ bad_last: 0, bad_first: 0, broken_chain: 0 });

    // Both closed months were paid out: the run of the month before the anchor's month too (paid on the 5th).
    const runs = await t.db.select({ period: payrollRuns.period, status: payrollRuns.status }).from(payrollRuns);
    expect(runs.filter((r) => r.status === 'paid').map((r) => r.period)).toEqual(
      expect.arrayContaining(['2026-01', '2026-02']),
    );
    // A minute or two of work through the modules (more on a loaded machine).
  }, 900_000);
});
