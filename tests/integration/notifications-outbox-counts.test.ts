import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { listOutbox, outboxViews } from '@/lib/notifications';
import { COUNT_CAP } from '@/lib/paging';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();

/** `n` outbox rows in one status, with `attempts` tries behind them. */
async function rowsIn(n: number, status: string, attempts: number): Promise<void> {
  const tag = randomUUID().slice(0, 8);
  await t.db.execute(sql`
    insert into notifications (kind, to_email, to_name, locale, data, idempotency_key, status, attempts)
    select 'welcome', 'count-' || i || '@outbox.example', 'Count ' || i, 'en', '{}'::jsonb,
           ${tag} || ':' || i, ${status}::notification_status, ${attempts}
      from generate_series(1, ${n}) i`);
}

describe('the outbox tabs’ counts', () => {
  it('counts each status exactly up to the cap, and says "more than" past it', async () => {
    const admin = await createUser(t.db, 'admin');
    const before = (await listOutbox(t.db, admin)).counts;
    for (const v of outboxViews) expect(before[v].capped, v).toBe(false);
    await rowsIn(3, 'pending', 0);
    await rowsIn(2, 'pending', 1);
    await rowsIn(1, 'sending', 1);
    await rowsIn(4, 'dead', 8);
    // One more sent email than the cap counts.
    await rowsIn(COUNT_CAP + 1, 'sent', 1);
    const { counts, total, capped } = await listOutbox(t.db, admin);
    // Waiting = never tried; failing = waiting again after a failed try.
    expect(counts.pending).toEqual({ total: before.pending.total + 3, capped: false });
    expect(counts.failed).toEqual({ total: before.failed.total + 2, capped: false });
    expect(counts.sending).toEqual({ total: before.sending.total + 1, capped: false });
    expect(counts.dead).toEqual({ total: before.dead.total + 4, capped: false });
    expect(counts.sent).toEqual({ total: COUNT_CAP, capped: true });
    expect(counts.all).toEqual({ total: COUNT_CAP, capped: true });
    // The 'all' view's pager total is its capped count.
    expect({ total, capped }).toEqual({ total: COUNT_CAP, capped: true });
    const dead = await listOutbox(t.db, admin, { view: 'dead' });
    expect({ total: dead.total, capped: dead.capped }).toEqual(counts.dead);
    // A search counts its own matches, capped the same way: the 10 001 sent rows all match "count-".
    const found = await listOutbox(t.db, admin, { view: 'sent', q: 'count-' });
    expect({ total: found.total, capped: found.capped }).toEqual({ total: COUNT_CAP, capped: true });
  });
});
