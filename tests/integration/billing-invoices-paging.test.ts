import { describe, expect, it } from 'vitest';
import { listInvoicesAdmin } from '@/lib/finance/invoices';
import { runJob } from '@/lib/scheduler';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const t = setupTestDb();

describe('the staff invoice list', () => {
  it('pages every invoice by keyset, with the count and the sums of the whole filtered set', async () => {
    const w = await billingWorld(t.db);
    const manager = await createUser(t.db, 'manager');
    // 53 clients with one 1 000 ₽ order each in the week of 2 March 2026: 53 invoices, more than a page (50).
    const tag = `Страничный ${Date.now()}`;
    for (let i = 0; i < 53; i++) {
      const client = await createUser(t.db, 'client', { name: `${tag} ${i}` });
      await makeOrder(t.db, w, { clientId: client.id, price: 100_000, finishedAt: new Date('2026-03-04T10:00:00Z') });
    }
    await runJob(t.db, 'invoices', { period: '2026-03-02', now: new Date('2026-03-09T06:00:00Z') });
    const first = await listInvoicesAdmin(t.db, manager, { q: tag });
    expect(first.items).toHaveLength(50);
    // 53 × 1 000 ₽ = 53 000 ₽ billed and still due, across both pages.
    expect(first).toMatchObject({ total: 53, capped: false, sums: { total: 5_300_000, outstanding: 5_300_000 } });
    const second = await listInvoicesAdmin(t.db, manager, { q: tag, cursor: first.next! });
    expect(second.items).toHaveLength(3);
    expect(second.next).toBeNull();
    const numbers = [...first.items, ...second.items].map((i) => i.number);
    expect(new Set(numbers).size).toBe(53);
  });
});
