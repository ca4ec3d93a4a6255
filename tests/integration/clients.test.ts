import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  auditLog,
  clientAddresses,
  notifications,
  orderEvents,
  orders,
  passwordResets,
  plans,
  users,
} from '@/db/schema';
import { resetPassword, verifyLogin } from '@/lib/auth';
import {
  addPreferredWorker,
  addStaffNote,
  archiveStaffNote,
  bookForClient,
  createPhoneClient,
  listPreferredWorkers,
  listStaffNotes,
  removePreferredWorker,
  searchClients,
  staffNotesForOrder,
} from '@/lib/clients';
import {
  addSavedAddress,
  cancelOrder,
  createOrder,
  deleteSavedAddress,
  getOrderForClient,
  getOrderStatusForClient,
  listOrdersForClient,
  updateContact,
  updateSavedAddress,
} from '@/lib/orders';
import type { OrderInput } from '@/lib/orders/schemas';
import { setupTestDb } from '../support/db';
import { createService, createUser, createZone, type TestUser } from '../support/factories';

const t = setupTestDb();

// 2026-12-01 12:00 in Moscow (UTC+3); bookable hours 08:00–20:00 Moscow by default.
const now = new Date('2026-12-01T09:00:00Z');

async function company() {
  const zone = await createZone(t.db);
  // A fixed 3 000 ₽ job: the estimate is the unit price alone (no travel fee, no urgency a week ahead).
  const service = await createService(t.db, { pricingUnit: 'fixed', unitPrice: 300_000, minPrice: 0 });
  const manager = await createUser(t.db, 'manager', { name: 'Maria' });
  const input = (over: Partial<OrderInput> = {}): OrderInput => ({
    serviceId: service.id,
    zoneId: zone.id,
    address: 'ул. Тверская, 1, кв. 5',
    date: '2026-12-08',
    time: '10:00',
    accessNotes: 'Код 123',
    contactPhone: '+7 900 123-45-67',
    extras: [],
    ...over,
  });
  return { zone, service, manager, input };
}

const outboxOf = (userId: string) =>
  t.db
    .select({ kind: notifications.kind, data: notifications.data })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(asc(notifications.createdAt));

const auditOf = (entityId: string) =>
  t.db
    .select({ action: auditLog.action, actorId: auditLog.actorId, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(eq(auditLog.entityId, entityId))
    .orderBy(asc(auditLog.at), asc(auditLog.id));

const firstEvent = async (orderId: string) =>
  (
    await t.db
      .select({
        kind: orderEvents.kind,
        actorId: orderEvents.actorId,
        actorRole: orderEvents.actorRole,
        data: orderEvents.data,
      })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.at), asc(orderEvents.id))
  )[0];

describe('a phone booking', () => {
  it('creates a new caller, emails them a link to set a password, and books for them as if they had', async () => {
    const c = await company();
    const email = `Caller-${randomUUID().slice(0, 6)}@Test.local`;
    const made = await createPhoneClient(t.db, c.manager, {
      name: 'Ольга Звонкова',
      email,
      phone: '8 (916) 222-33-44',
      locale: 'en',
    });
    if (made.status !== 'created') throw new Error('expected a new client');
    const [account] = await t.db
      .select({ role: users.role, email: users.email, passwordHash: users.passwordHash, locale: users.locale })
      .from(users)
      .where(eq(users.id, made.clientId));
    expect(account).toEqual({ role: 'client', email: email.toLowerCase(), passwordHash: null, locale: 'en' });

    // The invitation email carries a set-password link, valid as long as an invite (7 days).
    const [invite] = await outboxOf(made.clientId);
    expect(invite.kind).toBe('invite');
    expect(invite.data).toMatchObject({ role: 'client' });
    const path = String(invite.data.path);
    expect(path).toMatch(/^\/reset-password\/.+/);
    const [link] = await t.db
      .select({ expiresAt: passwordResets.expiresAt })
      .from(passwordResets)
      .where(eq(passwordResets.userId, made.clientId));
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    // The link sets the password, and the client can then sign in with it.
    await resetPassword(t.db, { token: path.slice('/reset-password/'.length), password: 'a-brand-new-secret-41' });
    expect(
      await verifyLogin(t.db, { email: email.toLowerCase(), password: 'a-brand-new-secret-41' }, '203.0.113.9'),
    ).toEqual({ userId: made.clientId, role: 'client' });

    const booked = await bookForClient(
      t.db,
      c.manager,
      { ...c.input({ saveAddress: true }), clientId: made.clientId },
      { now, match: false },
    );
    const [order] = await t.db
      .select({ clientId: orders.clientId, status: orders.status, estimateTotal: orders.estimateTotal })
      .from(orders)
      .where(eq(orders.id, booked.orderId!));
    // 3 000 ₽ fixed, booked a week ahead: no urgency, no travel fee, no discount.
    expect(order).toEqual({ clientId: made.clientId, status: 'pending', estimateTotal: 300_000 });
    expect(await firstEvent(booked.orderId!)).toMatchObject({
      kind: 'created',
      actorId: c.manager.id,
      actorRole: 'manager',
      data: { bookedBy: { name: 'Maria', role: 'manager' } },
    });
    // The address was saved for the client, not for the manager.
    const saved = await t.db
      .select({ clientId: clientAddresses.clientId })
      .from(clientAddresses)
      .where(eq(clientAddresses.clientId, made.clientId));
    expect(saved).toHaveLength(1);
    expect((await outboxOf(made.clientId)).map((n) => n.kind)).toEqual(['invite', 'order_received']);
    expect((await auditOf(made.clientId)).map((a) => a.action)).toEqual(['client.create', 'user.password_reset']);
    expect((await auditOf(booked.orderId!)).map((a) => a.action)).toEqual(['order.book_for_client']);
  });

  it('books for a client on file, who gets the same emails as for their own booking', async () => {
    const c = await company();
    const client = await createUser(t.db, 'client');
    const own = await createOrder(t.db, client, c.input(), { now, match: false });
    const byPhone = await bookForClient(
      t.db,
      c.manager,
      { ...c.input({ time: '14:00' }), clientId: client.id },
      { now, match: false },
    );
    const mail = await outboxOf(client.id);
    expect(mail.map((n) => [n.kind, (n.data.order as { id: string }).id])).toEqual([
      ['order_received', own.id],
      ['order_received', byPhone.orderId],
    ]);
    // The client's own booking names the client; the phone booking names the manager.
    expect(await firstEvent(own.id)).toMatchObject({ actorId: client.id, actorRole: 'client' });
    expect((await firstEvent(own.id)).data).not.toHaveProperty('bookedBy');
    expect(await firstEvent(byPhone.orderId!)).toMatchObject({ actorId: c.manager.id, actorRole: 'manager' });
  });

  it('checks the same booking rules as the client form and refuses non-clients', async () => {
    const c = await company();
    const client = await createUser(t.db, 'client');
    await expect(
      bookForClient(t.db, c.manager, { ...c.input({ time: '21:00' }), clientId: client.id }, { now, match: false }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { time: 'orders.errors.outsideHours' } });
    const worker = await createUser(t.db, 'worker');
    await expect(
      bookForClient(t.db, c.manager, { ...c.input(), clientId: worker.id }, { now, match: false }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const gone = await createUser(t.db, 'client', { disabled: true });
    await expect(
      bookForClient(t.db, c.manager, { ...c.input(), clientId: gone.id }, { now, match: false }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      bookForClient(t.db, client, { ...c.input(), clientId: client.id }, { now, match: false }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('offers the client who has a taken email instead of failing, and creates nothing', async () => {
    const c = await company();
    const client = await createUser(t.db, 'client', { name: 'Анна На Учёте' });
    const before = await t.db.select({ id: users.id }).from(users);
    const result = await createPhoneClient(t.db, c.manager, {
      name: 'Someone Else',
      email: client.email.toUpperCase(),
      phone: '+7 900 111-22-33',
    });
    expect(result).toEqual({
      status: 'existing',
      client: { id: client.id, name: 'Анна На Учёте', email: client.email, phone: client.phone },
    });
    expect(await t.db.select({ id: users.id }).from(users)).toHaveLength(before.length);
    expect(await outboxOf(client.id)).toEqual([]);
    // A staff or worker account's email cannot become a client to book for.
    const worker = await createUser(t.db, 'worker');
    await expect(
      createPhoneClient(t.db, c.manager, { name: 'Not A Client', email: worker.email, phone: '+7 900 111-22-33' }),
    ).rejects.toMatchObject({ code: 'validation_failed', fields: { email: 'clients.errors.emailNotAClient' } });
    // Only staff create clients.
    await expect(
      createPhoneClient(t.db, client, { name: 'Self Made', email: 'self@test.local', phone: '+7 900 111-22-33' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('books a recurring plan the same way, its first visits naming the manager', async () => {
    const c = await company();
    const client = await createUser(t.db, 'client');
    const booked = await bookForClient(
      t.db,
      c.manager,
      { ...c.input({ repeat: 'w2' }), clientId: client.id },
      { now, match: false },
    );
    const [plan] = await t.db.select({ clientId: plans.clientId }).from(plans).where(eq(plans.id, booked.planId!));
    expect(plan.clientId).toBe(client.id);
    expect(await firstEvent(booked.orderId!)).toMatchObject({
      actorId: c.manager.id,
      data: { planId: booked.planId, bookedBy: { name: 'Maria', role: 'manager' } },
    });
    expect((await outboxOf(client.id)).map((n) => n.kind)).toContain('plan_confirmed');
    expect((await auditOf(booked.planId!)).map((a) => a.action)).toEqual(['plan.book_for_client']);
  });
});

describe('client search', () => {
  async function clients() {
    const c = await company();
    const tag = randomUUID().slice(0, 6);
    const make = async (name: string, phone: string) => {
      const u = await createUser(t.db, 'client', { name: `${name} ${tag}` });
      await t.db.update(users).set({ phone }).where(eq(users.id, u.id));
      return u;
    };
    const anna = await make('Анна Смирнова', '+7 (916) 555-12-34');
    const boris = await make('Борис Петров', '8 903 777 00 11');
    const vera = await make('Вера Иванова', '+7 900 000-00-00');
    await addSavedAddress(t.db, anna, {
      address: `ул. Садовая-${tag}, 5`,
      zoneId: c.zone.id,
      label: '',
      accessNotes: '',
    });
    await createOrder(t.db, boris, c.input({ address: `пр. Мира-${tag}, 12` }), { now, match: false });
    return { ...c, tag, anna, boris, vera };
  }
  const names = async (actor: TestUser, q: string) =>
    (await searchClients(t.db, actor, { q })).items.map((x) => x.name.split(' ')[0]);

  it('finds a client by name, email, phone typed any way, saved address and order address', async () => {
    const s = await clients();
    expect(await names(s.manager, `смирнова ${s.tag}`)).toEqual(['Анна']);
    expect(await names(s.manager, s.boris.email.toUpperCase())).toEqual(['Борис']);
    expect(await names(s.manager, '89165551234')).toEqual(['Анна']);
    expect(await names(s.manager, '+7 903 777-00-11')).toEqual(['Борис']);
    expect(await names(s.manager, '777 00 11')).toEqual(['Борис']);
    expect(await names(s.manager, `Садовая-${s.tag}`)).toEqual(['Анна']);
    expect(await names(s.manager, `Мира-${s.tag}`)).toEqual(['Борис']);
    // LIKE's own characters are searched for literally; staff and workers are not clients.
    expect(await names(s.manager, '%')).toEqual([]);
    expect(await names(s.manager, 'Maria')).toEqual([]);
  });

  it('pages alphabetically by keyset without repeating or losing a client, for staff only', async () => {
    const s = await clients();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchClients(t.db, s.manager, { q: s.tag, limit: 2, cursor });
      expect(page.total).toBe(3);
      seen.push(...page.items.map((x) => x.name.split(' ')[0]));
      cursor = page.next ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['Анна', 'Борис', 'Вера']);
    await expect(searchClients(t.db, s.anna, { q: s.tag })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('staff notes', () => {
  it('travel to the order for staff and its worker, and are never visible to the client', async () => {
    const c = await company();
    const client = await createUser(t.db, 'client');
    const worker = await createUser(t.db, 'worker');
    const otherWorker = await createUser(t.db, 'worker');
    const order = await createOrder(t.db, client, c.input(), { now, match: false });
    const second = await createOrder(t.db, client, c.input({ time: '15:00' }), { now, match: false });
    const secret = `SECRET-${randomUUID()}`;
    await addStaffNote(t.db, c.manager, { clientId: client.id, kind: 'permanent', body: `${secret} permanent` });
    await addStaffNote(t.db, c.manager, {
      clientId: client.id,
      kind: 'one_off',
      orderId: order.id,
      body: `${secret} one-off`,
    });
    await t.db.update(orders).set({ workerId: worker.id }).where(eq(orders.id, order.id));

    const bodies = async (actor: TestUser, orderId: string) =>
      (await staffNotesForOrder(t.db, actor, orderId)).map((n) => n.body).sort();
    expect(await bodies(c.manager, order.id)).toEqual([`${secret} one-off`, `${secret} permanent`]);
    expect(await bodies(worker, order.id)).toEqual([`${secret} one-off`, `${secret} permanent`]);
    // The permanent note travels to the client's other order; the one-off stays with its own.
    expect(await bodies(c.manager, second.id)).toEqual([`${secret} permanent`]);
    await expect(staffNotesForOrder(t.db, client, order.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(staffNotesForOrder(t.db, otherWorker, order.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listStaffNotes(t.db, client, client.id)).rejects.toMatchObject({ code: 'forbidden' });

    // Everything the client can read about the order: its page, its list, the live status API and its emails
    // (a cancellation sends one more), none of which carries the notes.
    await cancelOrder(t.db, client, { orderId: second.id, reasonCode: 'plans_changed' }, now);
    const seenByClient = JSON.stringify([
      await getOrderForClient(t.db, client, order.id, now),
      await getOrderForClient(t.db, client, second.id, now),
      await listOrdersForClient(t.db, client, { tab: 'active', page: 1 }),
      await listOrdersForClient(t.db, client, { tab: 'cancelled', page: 1 }),
      await getOrderStatusForClient(t.db, client, order.id),
      await outboxOf(client.id),
    ]);
    expect(seenByClient).toContain(order.id);
    expect(seenByClient).not.toContain(secret);
  });
});

describe('client record edits', () => {
  it('are audited inside the module, each with what changed', async () => {
    const c = await company();
    const client = await createUser(t.db, 'client', { name: 'Old Name' });
    const worker = await createUser(t.db, 'worker');
    const order = await createOrder(t.db, client, c.input(), { now, match: false });

    await updateContact(t.db, c.manager, { name: 'New Name', phone: '+7 900 999-88-77' }, client.id);
    const { id: addressId } = await addSavedAddress(
      t.db,
      c.manager,
      { label: 'Дача', address: 'пос. Лесной, 7', zoneId: c.zone.id, accessNotes: 'Собака во дворе' },
      client.id,
    );
    await updateSavedAddress(
      t.db,
      c.manager,
      addressId,
      { label: 'Дача', address: 'пос. Лесной, 7', zoneId: c.zone.id, accessNotes: 'Собака во дворе, калитка 4411' },
      client.id,
    );
    await deleteSavedAddress(t.db, c.manager, addressId, client.id);
    const note = await addStaffNote(t.db, c.manager, {
      clientId: client.id,
      kind: 'one_off',
      orderId: order.id,
      body: 'Позвонить заранее',
    });
    await archiveStaffNote(t.db, c.manager, { noteId: note.id });
    await addPreferredWorker(t.db, c.manager, { clientId: client.id, workerId: worker.id, note: 'Аккуратная' });
    expect(await listPreferredWorkers(t.db, c.manager, client.id)).toMatchObject([
      { workerId: worker.id, note: 'Аккуратная' },
    ]);
    await removePreferredWorker(t.db, c.manager, { clientId: client.id, workerId: worker.id });

    const audit = await auditOf(client.id);
    expect(audit.map((a) => a.action)).toEqual([
      'client.update_contact',
      'client.address_add',
      'client.address_update',
      'client.address_remove',
      'client.note_add',
      'client.note_remove',
      'client.prefer_worker',
      'client.unprefer_worker',
    ]);
    expect(audit.every((a) => a.actorId === c.manager.id)).toBe(true);
    expect(audit[0]).toMatchObject({
      before: { name: 'Old Name', phone: client.phone },
      after: { name: 'New Name', phone: '+7 900 999-88-77' },
    });
    // Only the changed keys are kept.
    expect(audit[2]).toMatchObject({
      before: { accessNotes: 'Собака во дворе' },
      after: { accessNotes: 'Собака во дворе, калитка 4411' },
    });
    expect(audit[4].after).toMatchObject({ kind: 'one_off', orderNumber: expect.stringMatching(/^BR-/) });
    expect(await listStaffNotes(t.db, c.manager, client.id)).toMatchObject({ items: [], total: 0, next: null });

    // The client's own edits are theirs, not staff's: nothing is audited; and a client cannot edit another's.
    const other = await createUser(t.db, 'client');
    await updateContact(t.db, client, { name: 'Self Named', phone: '+7 900 111-11-11' });
    expect(await auditOf(client.id)).toHaveLength(8);
    await expect(
      updateContact(t.db, other, { name: 'Intruder', phone: '+7 900 111-11-11' }, client.id),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      addStaffNote(t.db, client, { clientId: client.id, kind: 'permanent', body: 'mine' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    const stray = await t.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, other.id), inArray(auditLog.entityId, [client.id])));
    expect(stray).toEqual([]);
  });
});
