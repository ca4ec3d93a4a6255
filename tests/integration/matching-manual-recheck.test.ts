import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { orders, users, workerProfiles } from '@/db/schema';
import { assignManually } from '@/lib/matching';
import { createService, createUser } from '@/tests/support/factories';
import { onPostgres, setupTestDb } from '@/tests/support/db';
import { HOUR, company, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

/** Waits until some statement of this database waits for a row lock (the assignment, at the worker lock). */
async function untilWaitingOnLock() {
  for (let k = 0; k < 200; k++) {
    const [{ n }] = await rows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the assignment never waited for the worker lock');
}

describe.skipIf(!onPostgres())('manual assignment re-checks the worker under the lock (PostgreSQL)', () => {
  it.each(['deactivated', 'with a disabled account'] as const)(
    'never assigns a worker %s while the manager was choosing',
    async (what) => {
      const { center, client } = await company(t.db);
      const manager = await createUser(t.db, 'manager');
      const skill = `recheck-${what.length}`;
      const service = await createService(t.db, { skill, pricingUnit: 'fixed', unitPrice: 300000, minPrice: 0 });
      const chosen = await worker(t.db, { zoneIds: [center.id], homeZoneId: center.id, skills: [skill] });
      const start = new Date(nextMonday().getTime() + 40 * HOUR);
      const id = await pendingOrder(t.db, { clientId: client.id, serviceId: service.id, zoneId: center.id, start });

      // An admin's change holds the worker's lock (as deactivating and disabling do) while the manager's
      // assignment reads the worker as eligible and then waits for that lock; the change commits.
      let running: Promise<unknown> | undefined;
      await t.db.transaction(async (tx) => {
        await tx
          .select({ id: workerProfiles.userId })
          .from(workerProfiles)
          .where(eq(workerProfiles.userId, chosen.id))
          .for('update');
        running = assignManually(t.db, manager, { orderId: id, workerId: chosen.id }).catch((e: unknown) => e);
        await untilWaitingOnLock();
        if (what === 'deactivated')
          await tx.update(workerProfiles).set({ active: false }).where(eq(workerProfiles.userId, chosen.id));
        else await tx.update(users).set({ disabledAt: new Date() }).where(eq(users.id, chosen.id));
      });
      expect(await running).toMatchObject({ code: 'conflict', message: 'matching.errors.workerUnavailable' });
      const [row] = await t.db
        .select({ status: orders.status, workerId: orders.workerId })
        .from(orders)
        .where(eq(orders.id, id));
      expect(row).toEqual({ status: 'pending', workerId: null });
    },
  );
});
