import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { seedIfEmpty } from '@/db/seed';
import type { Actor } from '@/lib/auth/actor';
import { clientStatement, trialBalance, trialBalanceCsv, workerMonth, accountHistory } from '@/lib/finance/history';
import { createUser } from '../support/factories';
import { setupTestDb } from '../support/db';

const t = setupTestDb();

async function actorOf(email: string): Promise<Actor> {
  const [u] = await t.db.select({ id: users.id, role: users.role, name: users.name, email: users.email, locale: users.locale }).from(users).where(eq(users.email, email));
  return u;
}

describe('balances and history over the demo data', () => {
  it('the seed posts the demo facts through the product: pay + lateness fine for Anna, a late cancellation fee for the client', async () => {
    await seedIfEmpty(t.db);
    const anna = await actorOf('anna@brigada.local');
    const client = await actorOf('client@brigada.local');
    const admin = await actorOf('admin@brigada.local');

    // Anna's entries are in the month of the seed (the fine may fall in the previous one when seeded in the first hours of a month).
    const { months } = await workerMonth(t.db, anna, anna.id, undefined);
    const rowsOf = await Promise.all(months.map((m) => workerMonth(t.db, anna, anna.id, m.month)));
    const month = { rows: rowsOf.flatMap((m) => m.rows), totals: { closingBalance: months[0].closingBalance } };
    const kinds = month.rows.map((r) => r.kind).sort();
    expect(kinds).toEqual(['fine', 'order_completed']);
    const earned = month.rows.find((r) => r.kind === 'order_completed')!.workerAmount;
    const fine = month.rows.find((r) => r.kind === 'fine')!.workerAmount;
    // 60 m² × 60 ₽ = 3 600 ₽ work; senior coefficient 120 % → +720 ₽ = 4 320 ₽ (432 000); senior share 60 % = 259 200.
    expect(earned).toBe(259_200);
    // 12 min late: 10 % of 259 200 = 25 920, taken from her.
    expect(fine).toBe(-25_920);
    expect(month.totals.closingBalance).toBe(259_200 - 25_920);

    const statement = await clientStatement(t.db, client, client.id);
    expect(statement.rows.map((r) => r.kind).sort()).toEqual(['cancellation_fee', 'order_completed']);
    const fee = statement.rows.find((r) => r.kind === 'cancellation_fee')!.amount;
    // The cancelled booking's estimate: 3 600 ₽ work at the standard grade (no coefficient), booked 34 h ahead (not urgent) = 360 000; 30 % late fee = 108 000.
    expect(fee).toBe(108_000);
    // The completed order's final price 432 000 plus the fee.
    expect(statement.balance).toBe(432_000 + 108_000);

    const tb = await trialBalance(t.db, admin);
    expect(tb.totalDebit).toBe(tb.totalCredit);
    expect(trialBalanceCsv(tb)).toContain('TOTAL');
    const receivable = tb.rows.find((r) => r.code === `receivable:${client.id}`)!;
    expect((await accountHistory(t.db, admin, receivable.accountId)).balance).toBe(statement.balance);
  });

  it('a client or worker reads only their own money; staff read all', async () => {
    const client = await actorOf('client@brigada.local');
    const anna = await actorOf('anna@brigada.local');
    const other = await createUser(t.db, 'client');
    await expect(clientStatement(t.db, other, client.id)).rejects.toThrow();
    await expect(workerMonth(t.db, client, anna.id, undefined)).rejects.toThrow();
    await expect(trialBalance(t.db, anna)).rejects.toThrow();
    const manager = await actorOf('manager@brigada.local');
    await expect(clientStatement(t.db, manager, client.id)).resolves.toBeTruthy();
  });
});
