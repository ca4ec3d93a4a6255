import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { seedIfEmpty } from '@/lib/demo';
import type { Actor } from '@/lib/actor';
import { clientStatement, trialBalance, trialBalanceCsv, workerMonth, accountHistory } from '@/lib/finance/history';
import { createUser } from '../support/factories';
import { setupTestDb } from '../support/db';

const t = setupTestDb();

async function actorOf(email: string): Promise<Actor> {
  const [u] = await t.db
    .select({ id: users.id, role: users.role, name: users.name, email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.email, email));
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
    const month = { rows: rowsOf.flatMap((m) => m.rows) };
    // Other modules' demo data adds their own facts (payroll, invoices, failed orders); these are ours.
    const late = month.rows.find((r) => r.kind === 'fine' && r.ruleCode === 'lateness');
    expect(late).toBeDefined();
    const completed = month.rows.find((r) => r.kind === 'order_completed' && r.orderId === late!.orderId);
    // 60 m² × 60 ₽ = 3 600 ₽ work; senior coefficient 120 % → +720 ₽ = 4 320 ₽ (432 000); senior share 60 % = 259 200.
    expect(completed?.workerAmount).toBe(259_200);
    // 12 min late: 10 % of 259 200 = 25 920, taken from her.
    expect(late!.workerAmount).toBe(-25_920);
    expect(late!.ruleValue).toBe(12);
    // The months' closing balance is the sum of every month's net.
    expect(months[0].closingBalance).toBe(months.reduce((sum, m) => sum + m.net, 0));

    const statement = await clientStatement(t.db, client, client.id);
    const feeRow = statement.rows.find((r) => r.kind === 'cancellation_fee');
    // The cancelled booking's estimate: 3 600 ₽ work at the standard grade (no coefficient), booked 34 h ahead (not urgent) = 360 000; 30 % late fee = 108 000.
    expect(feeRow?.amount).toBe(108_000);
    // The statement's balance is the sum of its rows, and the newest row carries it.
    expect(statement.balance).toBe(statement.rows.reduce((sum, r) => sum + r.amount, 0));
    expect(statement.rows[0].balance).toBe(statement.balance);

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
    // Someone else's statement or month is answered as not found, so it does not even confirm the person exists.
    await expect(clientStatement(t.db, other, client.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(workerMonth(t.db, client, anna.id, undefined)).rejects.toMatchObject({ code: 'not_found' });
    await expect(trialBalance(t.db, anna)).rejects.toMatchObject({ code: 'forbidden' });
    const manager = await actorOf('manager@brigada.local');
    await expect(clientStatement(t.db, manager, client.id)).resolves.toBeTruthy();
  });
});
