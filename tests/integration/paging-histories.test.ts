import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { jobRuns, supplies, supplyMovements } from '@/db/schema';
import { listJobRuns } from '@/lib/scheduler';
import { listMovements } from '@/lib/supplies';
import { PAGE_SIZE } from '@/lib/paging';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { walkPages } from '../support/paging';

const t = setupTestDb();
const MINUTE = 60_000;

describe('keyset paging of job runs and supply movements', () => {
  it('pages every job run once while runs start around the cursor, keeping the job and status filters', async () => {
    const admin = await createUser(t.db, 'admin');
    const job = `paging_${randomUUID().slice(0, 6)}`;
    const base = Date.UTC(2031, 0, 1);
    // 130 runs a minute apart; every third failed. Two share one started_at to the microsecond's tie-break.
    const made = await t.db
      .insert(jobRuns)
      .values(
        Array.from({ length: 130 }, (_, i) => ({
          job,
          period: `p${i}`,
          status: i % 3 === 0 ? ('failed' as const) : ('succeeded' as const),
          lease: randomUUID(),
          startedAt: new Date(base + (i === 129 ? 128 : i) * MINUTE),
        })),
      )
      .returning({ id: jobRuns.id, status: jobRuns.status });
    let extra = 0;
    const { pages } = await walkPages({
      page: (cursor) => listJobRuns(t.db, admin, { job, cursor }),
      id: (r) => r.id,
      before: made.map((m) => m.id),
      // A run newer than the walk (ahead of the cursor) and one behind it land between pages.
      between: async (_round, last) => {
        for (const at of [base + 500 * MINUTE, last.startedAt.getTime() - 30_000])
          await t.db
            .insert(jobRuns)
            .values({ job, period: `x${extra++}`, lease: randomUUID(), startedAt: new Date(at) });
      },
    });
    // 130 runs at 50 a page, plus those inserted behind the cursor: at least 3 pages.
    expect(pages).toBeGreaterThanOrEqual(3);
    // The failed ones only (i = 0, 3, …, 129: 44 of them): the filter holds on every page and in the count.
    const failed = made.filter((m) => m.status === 'failed').map((m) => m.id);
    const first = await listJobRuns(t.db, admin, { job, status: 'failed' });
    expect(first).toMatchObject({ total: 44, capped: false });
    expect(first.items).toHaveLength(PAGE_SIZE > 44 ? 44 : PAGE_SIZE);
    const walk = await walkPages({
      page: (cursor) => listJobRuns(t.db, admin, { job, status: 'failed', cursor, limit: 10 }),
      id: (r) => r.id,
      before: failed,
      matches: (r) => r.status === 'failed' && r.job === job,
    });
    expect(walk.seen).toHaveLength(44);
    expect(walk.pages).toBe(5);
    // Admins only.
    const manager = await createUser(t.db, 'manager');
    await expect(listJobRuns(t.db, manager, {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('pages a supply’s movements once while new ones are recorded, the supply filter kept', async () => {
    const manager = await createUser(t.db, 'manager');
    const tag = randomUUID().slice(0, 6);
    const [a, b] = await t.db
      .insert(supplies)
      .values(
        ['a', 'b'].map((x) => ({
          code: `pg-${tag}-${x}`,
          nameRu: `Средство ${x}`,
          nameEn: `Supply ${x}`,
          unit: 'шт',
          unitEn: 'pcs',
        })),
      )
      .returning({ id: supplies.id });
    const base = Date.UTC(2031, 5, 1);
    // 120 movements, alternating between the two supplies; the same instant for pairs, so ids break ties.
    const made = await t.db
      .insert(supplyMovements)
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          supplyId: i % 2 === 0 ? a.id : b.id,
          kind: 'received' as const,
          quantity: i + 1,
          at: new Date(base + Math.floor(i / 2) * MINUTE),
        })),
      )
      .returning({ id: supplyMovements.id, supplyId: supplyMovements.supplyId });
    const ofA = made.filter((m) => m.supplyId === a.id).map((m) => String(m.id));
    const first = await listMovements(t.db, manager, { supplyId: a.id, limit: 25 });
    expect(first).toMatchObject({ total: 60, capped: false });
    const { seen } = await walkPages({
      page: (cursor) => listMovements(t.db, manager, { supplyId: a.id, cursor, limit: 25 }),
      id: (m) => String(m.id),
      before: ofA,
      matches: (m) => m.supplyId === a.id,
      between: async (_round, last) => {
        await t.db.insert(supplyMovements).values([
          { supplyId: a.id, kind: 'received', quantity: 1, at: new Date(base + 1000 * MINUTE) },
          { supplyId: a.id, kind: 'received', quantity: 1, at: new Date(last.at.getTime() - 1) },
          { supplyId: b.id, kind: 'received', quantity: 1, at: new Date(last.at.getTime() - 1) },
        ]);
      },
    });
    // The rows recorded behind the cursor are met later in the walk; the other supply's never.
    expect(seen.length).toBeGreaterThan(60);
  });
});
