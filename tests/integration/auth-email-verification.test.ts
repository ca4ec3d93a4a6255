import { describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { emailVerifications, notifications, orders, settings, users } from '@/db/schema';
import { findSessionUser, resendEmailVerification, signUpClient, verifyEmail } from '@/lib/auth';
import { cancelOrder, createOrder, UNVERIFIED_OPEN_ORDERS } from '@/lib/orders';
import { createPlan } from '@/lib/plans';
import type { OrderInput } from '@/lib/orders/schemas';
import { onPostgres, setupTestDb } from '../support/db';
import { createService, createUser, createZone } from '../support/factories';

const t = setupTestDb();
const now = new Date('2026-12-01T09:00:00Z');

/** The token in the newest confirmation link emailed to a user (the welcome email's, or a resent one). */
async function latestLink(userId: string): Promise<string> {
  const rows = await t.db
    .select({ data: notifications.data, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), inArray(notifications.kind, ['welcome', 'verify_email'])));
  const newest = rows.sort((a, b) => +b.createdAt - +a.createdAt)[0]?.data;
  return String(newest?.path ?? newest?.verifyPath).replace('/verify-email/', '');
}

async function bookingFixture() {
  const zone = await createZone(t.db);
  const service = await createService(t.db, { unitPrice: 10000, baseMinutes: 60, minutesPerUnitX100: 100 });
  // Each booking on its own day at 10:00, a week ahead and on, inside the bookable hours.
  const input = (day: number, over: Partial<OrderInput> = {}): OrderInput => ({
    serviceId: service.id,
    areaM2: 40,
    bathrooms: 1,
    extras: [],
    zoneId: zone.id,
    address: 'ул. Тверская, 1, кв. 5',
    date: `2026-12-${String(8 + day).padStart(2, '0')}`,
    time: '10:00',
    accessNotes: '',
    contactPhone: '+7 900 123-45-67',
    saveAddress: false,
    ...over,
  });
  return { input };
}

describe('email verification', () => {
  it('a new client works at once, is sent a link, and is verified by following it; the link works once', async () => {
    const { userId } = await signUpClient(
      t.db,
      { name: 'Вера Новая', email: 'vera@test.local', phone: '+7 900 000-11-22', password: 'длинная фраза' },
      'ru',
    );
    expect(await findSessionUser(t.db, userId)).toMatchObject({ role: 'client', emailVerified: false });
    // One email at sign-up: the welcome, carrying the link.
    const sent = await t.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, userId));
    expect(sent).toEqual([{ kind: 'welcome' }]);
    const token = await latestLink(userId);
    expect(token.length).toBeGreaterThan(20);

    await expect(verifyEmail(t.db, token)).resolves.toEqual({ userId });
    expect(await findSessionUser(t.db, userId)).toMatchObject({ emailVerified: true });
    await expect(verifyEmail(t.db, token)).rejects.toMatchObject({ code: 'not_found' });
    await expect(verifyEmail(t.db, 'x'.repeat(43))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a resent link replaces the old one; resending is rate-limited and stops once verified', async () => {
    const client = await createUser(t.db, 'client', { unverified: true });
    const { sent } = await resendEmailVerification(t.db, client, now);
    expect(sent).toBe(true);
    const first = await latestLink(client.id);
    await resendEmailVerification(t.db, client, new Date(now.getTime() + 1000));
    const second = await latestLink(client.id);
    expect(second).not.toBe(first);
    await expect(verifyEmail(t.db, first)).rejects.toMatchObject({ code: 'not_found' });
    // Three an hour: the fourth is refused.
    await resendEmailVerification(t.db, client, new Date(now.getTime() + 2000));
    await expect(resendEmailVerification(t.db, client, new Date(now.getTime() + 3000))).rejects.toMatchObject({
      code: 'rate_limited',
    });
    await expect(verifyEmail(t.db, await latestLink(client.id))).resolves.toEqual({ userId: client.id });
    const later = new Date(now.getTime() + 2 * 3_600_000);
    await expect(resendEmailVerification(t.db, client, later)).resolves.toEqual({ sent: false });
  });

  it('an expired link does not verify', async () => {
    const client = await createUser(t.db, 'client', { unverified: true });
    await resendEmailVerification(t.db, client, now);
    const token = await latestLink(client.id);
    await t.db
      .update(emailVerifications)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailVerifications.userId, client.id));
    await expect(verifyEmail(t.db, token)).rejects.toMatchObject({ code: 'not_found' });
    expect(await findSessionUser(t.db, client.id)).toMatchObject({ emailVerified: false });
  });
});

describe('open-order caps', () => {
  it(`an unverified client may have ${UNVERIFIED_OPEN_ORDERS} open orders; the next is refused until one closes or they verify`, async () => {
    const { input } = await bookingFixture();
    const client = await createUser(t.db, 'client', { unverified: true });
    const booked = [];
    for (let day = 0; day < UNVERIFIED_OPEN_ORDERS; day++)
      booked.push(await createOrder(t.db, client, input(day), { now, match: false }));
    const before = await t.db.$count(orders, eq(orders.clientId, client.id));
    await expect(createOrder(t.db, client, input(5), { now, match: false })).rejects.toMatchObject({
      code: 'conflict',
      message: 'errors.openOrdersUnverified',
    });
    expect(await t.db.$count(orders, eq(orders.clientId, client.id))).toBe(before);

    // A cancelled order is not open: its place frees up.
    await cancelOrder(t.db, client, { orderId: booked[0].id, reasonCode: 'plans_changed' }, now);
    await expect(createOrder(t.db, client, input(5), { now, match: false })).resolves.toMatchObject({});
    await expect(createOrder(t.db, client, input(6), { now, match: false })).rejects.toMatchObject({
      message: 'errors.openOrdersUnverified',
    });
    // Verified, the setting's cap (20 by default) applies instead.
    await t.db.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, client.id));
    await expect(createOrder(t.db, client, input(6), { now, match: false })).resolves.toMatchObject({});
  });

  it('a verified client is capped by the setting, and a plan counts once however many visits it has', async () => {
    const { input } = await bookingFixture();
    await t.db
      .insert(settings)
      .values({ key: 'maxOpenOrdersPerClient', value: 2 })
      .onConflictDoUpdate({ target: settings.key, set: { value: 2 } });
    const client = await createUser(t.db, 'client');
    // A weekly plan: several open visits, one place.
    await createPlan(t.db, client, input(0, { repeat: 'w1' }), { now, match: false });
    const visits = await t.db.$count(orders, eq(orders.clientId, client.id));
    expect(visits).toBeGreaterThan(1);
    await createOrder(t.db, client, input(1), { now, match: false });
    await expect(createOrder(t.db, client, input(2), { now, match: false })).rejects.toMatchObject({
      message: 'errors.openOrdersLimit',
    });
    await expect(createPlan(t.db, client, input(3, { repeat: 'w2' }), { now, match: false })).rejects.toMatchObject({
      message: 'errors.openOrdersLimit',
    });
  });

  it.skipIf(!onPostgres())('two bookings at once cannot both take the last place (PostgreSQL)', async () => {
    const { input } = await bookingFixture();
    const client = await createUser(t.db, 'client', { unverified: true });
    for (let day = 0; day < UNVERIFIED_OPEN_ORDERS - 1; day++)
      await createOrder(t.db, client, input(day), { now, match: false });
    const results = await Promise.allSettled(
      [10, 11, 12].map((day) => createOrder(t.db, client, input(day), { now, match: false })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await t.db.$count(orders, eq(orders.clientId, client.id))).toBe(UNVERIFIED_OPEN_ORDERS);
  });
});
