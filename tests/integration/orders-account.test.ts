import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notificationOptOuts, users } from '@/db/schema';
import {
  addSavedAddress,
  clientOptionalKinds,
  deleteSavedAddress,
  getClientAccount,
  listCatalogue,
  setEmailPreferences,
  updateContact,
} from '@/lib/orders';
import { setupTestDb } from '../support/db';
import { createService, createUser, createZone } from '../support/factories';

const t = setupTestDb();

describe('client account', () => {
  it('updates contact details', async () => {
    const client = await createUser(t.db, 'client');
    await updateContact(t.db, client, { name: 'Пётр Сидоров', phone: '+7 901 000-11-22' });
    const account = await getClientAccount(t.db, client);
    expect(account).toMatchObject({ name: 'Пётр Сидоров', phone: '+7 901 000-11-22', email: client.email });
  });

  it('saves and deletes addresses, only the owner’s', async () => {
    const client = await createUser(t.db, 'client');
    const other = await createUser(t.db, 'client');
    const zone = await createZone(t.db);
    const closed = await createZone(t.db, { active: false });
    const { id } = await addSavedAddress(t.db, client, {
      label: 'Дом',
      address: 'ул. Ленина, 5, кв. 1',
      zoneId: zone.id,
      accessNotes: '',
    });
    await expect(
      addSavedAddress(t.db, client, { label: '', address: 'ул. Мира, 2', zoneId: closed.id, accessNotes: '' }),
    ).rejects.toMatchObject({ fields: { zoneId: 'orders.errors.zoneNotServed' } });
    expect((await getClientAccount(t.db, client)).addresses).toMatchObject([{ id, label: 'Дом', zoneId: zone.id }]);
    await expect(deleteSavedAddress(t.db, other, id)).rejects.toMatchObject({ code: 'not_found' });
    await deleteSavedAddress(t.db, client, id);
    expect((await getClientAccount(t.db, client)).addresses).toEqual([]);
  });

  it('stores email opt-outs for optional kinds only', async () => {
    const client = await createUser(t.db, 'client');
    const optional = clientOptionalKinds();
    expect(optional.length).toBeGreaterThan(0);
    // An essential kind in the list is ignored: it can't be turned off.
    await setEmailPreferences(t.db, client, { optOut: [optional[0], 'invoice_issued'] });
    const rows = await t.db
      .select({ kind: notificationOptOuts.kind })
      .from(notificationOptOuts)
      .where(eq(notificationOptOuts.userId, client.id));
    expect(rows.map((r) => r.kind)).toEqual([optional[0]]);
    expect((await getClientAccount(t.db, client)).emailKinds.find((k) => k.kind === optional[0])).toEqual({
      kind: optional[0],
      enabled: false,
    });
    await setEmailPreferences(t.db, client, { optOut: [] });
    expect(await t.db.$count(notificationOptOuts, eq(notificationOptOuts.userId, client.id))).toBe(0);
  });

  it('is for clients only', async () => {
    const worker = await createUser(t.db, 'worker');
    await expect(getClientAccount(t.db, worker)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateContact(t.db, worker, { name: 'Хакер', phone: '+7 900 000-00-00' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const [u] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, worker.id));
    expect(u.name).toBe('Test worker');
  });
});

describe('catalogue', () => {
  it('lists active services with the lowest estimate and duration', async () => {
    await createService(t.db, {
      code: 'cat-deep',
      unitPrice: 12000,
      minPrice: 500000,
      baseMinutes: 120,
      minutesPerUnitX100: 300,
    });
    await createService(t.db, { code: 'cat-archived', archivedAt: new Date() });
    const { services } = await listCatalogue(t.db);
    const deep = services.find((s) => s.code === 'cat-deep');
    // 1 m² × 12 000 is under the 500 000 minimum → from 5 000.00 ₽; 120 + 3 = 123 min → 135 (quarter hours).
    expect(deep).toMatchObject({ priceFrom: 500000, minutesFrom: 135 });
    expect(services.some((s) => s.code === 'cat-archived')).toBe(false);
  });
});
