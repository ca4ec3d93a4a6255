// lib/composition wires the modules together once per process. Without it an order change must refuse to run
// rather than commit without its ledger entries and emails.
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orders } from '@/db/schema';
import { systemActor, transitionOrder } from '@/lib/orders';
import { listJobs } from '@/lib/scheduler';
import { setupTestDb } from '../support/db';
import { orderFixture } from '../support/finance-fixtures';

const t = setupTestDb();
const key = Symbol.for('brigada.orderReactions');
const global = globalThis as { [key]?: unknown };
const installed = global[key];

afterEach(() => {
  global[key] = installed;
});

describe('the composition root', () => {
  it('installs the product jobs for the scheduler', () => {
    expect(listJobs().map((j) => j.name)).toEqual(expect.arrayContaining(['invoices', 'payroll', 'reminders']));
  });

  it('without it, a transition refuses and nothing changes', async () => {
    const f = await orderFixture(t.db);
    delete global[key];
    await expect(transitionOrder(t.db, systemActor, f.order.id, 'cancel', { reason: 'probe' })).rejects.toThrow(
      'Order reactions are not installed',
    );
    // The transition ran inside a transaction that the refusal rolled back: the order is still pending.
    const [row] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, f.order.id));
    expect(row.status).toBe('pending');
  });
});
