import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { authSessions } from '@/db/schema';
import { checkSession, openSession, revokeSession } from '@/lib/auth';
import { updateSettings } from '@/lib/settings';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();
const MIN = 60_000;
const t0 = new Date('2026-12-01T09:00:00Z').getTime();
const at = (ms: number) => new Date(t0 + ms);

describe('sessions end on the server', () => {
  it('a signed-out session no longer works, whoever holds its token', async () => {
    const client = await createUser(t.db, 'client');
    const sid = await openSession(t.db, client.id, at(0));
    expect(await checkSession(t.db, sid, client, at(MIN))).toBe(true);
    await revokeSession(t.db, sid, at(2 * MIN));
    expect(await checkSession(t.db, sid, client, at(3 * MIN))).toBe(false);
    // Another user cannot use it either, and a malformed id is simply no session.
    const other = await createUser(t.db, 'client');
    expect(await checkSession(t.db, sid, other, at(3 * MIN))).toBe(false);
    expect(await checkSession(t.db, 'not-a-session', client, at(3 * MIN))).toBe(false);
  });

  it('a staff session ends after 30 idle minutes (and is revoked); a client session does not', async () => {
    const manager = await createUser(t.db, 'manager');
    const client = await createUser(t.db, 'client');
    const staff = await openSession(t.db, manager.id, at(0));
    const own = await openSession(t.db, client.id, at(0));
    // 29 minutes idle: still in; that request counts as activity.
    expect(await checkSession(t.db, staff, manager, at(29 * MIN))).toBe(true);
    // 31 minutes after that request: out, for good.
    expect(await checkSession(t.db, staff, manager, at(60 * MIN))).toBe(false);
    const [row] = await t.db
      .select({ revokedAt: authSessions.revokedAt })
      .from(authSessions)
      .where(eq(authSessions.id, staff));
    expect(row.revokedAt).not.toBeNull();
    expect(await checkSession(t.db, own, client, at(3 * 24 * 60 * MIN))).toBe(true);
  });

  it('a staff session ends after 12 hours however active, and both limits are settings', async () => {
    const admin = await createUser(t.db, 'admin');
    const sid = await openSession(t.db, admin.id, at(0));
    for (let m = 20; m < 12 * 60; m += 20) expect(await checkSession(t.db, sid, admin, at(m * MIN))).toBe(true);
    expect(await checkSession(t.db, sid, admin, at((12 * 60 + 1) * MIN))).toBe(false);

    await updateSettings(t.db, admin, { staffSession: { idleMinutes: 5, maxHours: 12 } });
    const short = await openSession(t.db, admin.id, at(0));
    expect(await checkSession(t.db, short, admin, at(6 * MIN))).toBe(false);
  });
});
