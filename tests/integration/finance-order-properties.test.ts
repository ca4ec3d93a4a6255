import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { accountBalance } from '@/lib/finance';
import { financeOnOrderChange } from '@/lib/finance';
import { systemActor, transitionOrder, type OrderChange, type TransitionName } from '@/lib/orders';
import { DomainError } from '@/lib/errors';
import { createUser } from '../support/factories';
import { setupTestDb } from '../support/db';
import { demoPriceLines, demoPriceTotal, orderFixture } from '../support/finance-fixtures';

const t = setupTestDb();

const steps: TransitionName[] = [
  'match',
  'reassign',
  'unassign',
  'decline',
  'start',
  'finish',
  'fail',
  'review_fail',
  'cancel',
];
const step = fc.record({
  name: fc.constantFrom(...steps),
  late: fc.integer({ min: -5, max: 90 }),
  hours: fc.double({ min: -2, max: 40, noNaN: true }),
  fee: fc.integer({ min: 0, max: 200_000 }),
  charge: fc.boolean(),
  reason: fc.constantFrom('no_show', 'quality', 'damage'),
  replay: fc.boolean(),
});

describe('order facts (fast-check)', () => {
  it('random transition sequences with replayed handlers keep every invariant of the ledger', async () => {
    const manager = await createUser(t.db, 'manager');
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (seq) => {
        const f = await orderFixture(t.db, { startsInHours: 30 });
        const changes: OrderChange[] = [];
        for (const s of seq) {
          const actor =
            s.name === 'start' || s.name === 'finish' || s.name === 'decline'
              ? { id: f.worker.id, role: 'worker' as const }
              : s.name === 'cancel'
                ? { id: f.client.id, role: 'client' as const }
                : s.name === 'review_fail'
                  ? manager
                  : systemActor;
          const opts =
            s.name === 'match' || s.name === 'reassign'
              ? { set: { workerId: f.worker.id, priceLines: demoPriceLines, priceTotal: demoPriceTotal } }
              : s.name === 'unassign' || s.name === 'decline'
                ? { set: { workerId: null }, data: { hoursBeforeStart: s.hours, reasonCode: 'sick' } }
                : s.name === 'start'
                  ? { data: { late: s.late > 0, lateMinutes: s.late } }
                  : s.name === 'cancel'
                    ? { set: { cancellationFee: s.fee } }
                    : { reason: s.reason, data: { reasonCode: s.reason, chargeClient: s.charge } };
          try {
            changes.push(await transitionOrder(t.db, actor, f.order.id, s.name, opts));
          } catch (error) {
            // Transitions the state machine refuses in this state are part of the random walk.
            if (!(error instanceof DomainError)) throw error;
          }
          // A retried subscriber (the same fact handled again) must post nothing new.
          if (s.replay && changes.length) {
            const before = await accountBalance(t.db, { type: 'payable', workerId: f.worker.id });
            await t.db.transaction((tx) => financeOnOrderChange(tx, [changes[Math.floor(changes.length / 2)]]));
            expect(await accountBalance(t.db, { type: 'payable', workerId: f.worker.id })).toBe(before);
          }
        }
        const [{ n }] = await rows<{ n: number }>(
          t.db,
          sql`select count(*)::int as n from (select entry_id from postings group by entry_id having sum(amount) <> 0) x`,
        );
        expect(n).toBe(0);
        const [{ completed }] = await rows<{ completed: number }>(
          t.db,
          sql`select count(*)::int as completed from journal_entries where key = ${`order:${f.order.id}:completed`}`,
        );
        expect(completed).toBeLessThanOrEqual(1);
        // Balances equal the sum of the postings of the order's entries (every posting on these accounts is this order's).
        const [{ total }] = await rows<{ total: string }>(
          t.db,
          sql`select coalesce(sum(p.amount), 0)::text as total from postings p join ledger_accounts a on a.id = p.account_id where a.code = ${`receivable:${f.client.id}`}`,
        );
        expect(await accountBalance(t.db, { type: 'receivable', clientId: f.client.id })).toBe(Number(total));
      }),
      { numRuns: 12 },
    );
    const dup = await rows<{ key: string }>(
      t.db,
      sql`select key from journal_entries group by key having count(*) > 1`,
    );
    expect(dup).toEqual([]);
  });
});
