import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { auditLog, orders } from '@/db/schema';
import {
  createService,
  listActiveServices,
  listServicesForAdmin,
  serviceInput,
  setServiceArchived,
  updateService,
  type ServiceInput,
} from '@/lib/catalog';
import { setupTestDb } from '../support/db';
import { createUser, createZone } from '../support/factories';

const t = setupTestDb();

const valid = (code: string): ServiceInput => ({
  code,
  nameRu: 'Мойка окон',
  nameEn: 'Window cleaning',
  skill: 'windows',
  pricingUnit: 'per_room',
  unitPrice: '1200.50',
  baseMinutes: 30,
  minutesPerUnit: 20,
  extras: [{ code: 'frames', nameRu: 'Рамы', nameEn: 'Frames', price: '300', minutes: 15 }],
  checklist: [{ code: 'glass', ru: 'Стёкла', en: 'Glass' }],
});

describe('service catalogue', () => {
  it('refuses a price of 0 and a negative duration with clear messages', () => {
    const bad = serviceInput.safeParse({ ...valid('x'), unitPrice: '0', baseMinutes: -5 });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
    expect(messages).toMatchObject({
      unitPrice: 'catalog.errors.pricePositive',
      baseMinutes: 'catalog.errors.durationPositive',
    });
    const badExtra = serviceInput.safeParse({
      ...valid('x'),
      extras: [{ code: 'a', nameRu: 'a', nameEn: 'a', price: '0', minutes: -1 }],
    });
    expect(badExtra.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['extras.0.minutes', 'extras.0.price']);
  });

  it('creates in minor units, edits without touching booked orders, archives, and audits each change', async () => {
    const admin = await createUser(t.db, 'admin');
    const code = `win-${randomUUID().slice(0, 6)}`;
    const s = await createService(t.db, admin, serviceInput.parse(valid(code)));
    // 1200.50 ₽ = 120 050 kopecks; 20 min per room = 2000 in ×100 units; extra 300 ₽ = 30 000.
    expect(s).toMatchObject({
      unitPrice: 120_050,
      minutesPerUnitX100: 2000,
      active: true,
      extras: [{ code: 'frames', price: 30_000 }],
    });
    await expect(createService(t.db, admin, serviceInput.parse(valid(code)))).rejects.toMatchObject({
      fields: { code: 'catalog.errors.codeTaken' },
    });

    const zone = await createZone(t.db);
    const client = await createUser(t.db, 'client');
    const line = {
      code: 'base',
      labelRu: 'Комнаты',
      labelEn: 'Rooms',
      quantity: 2,
      unitPrice: 120_050,
      amount: 240_100,
    };
    const [order] = await t.db
      .insert(orders)
      .values({
        number: `T-${randomUUID().slice(0, 8)}`,
        clientId: client.id,
        serviceId: s.id,
        zoneId: zone.id,
        address: 'x',
        contactPhone: '+7 900 000-00-00',
        scheduledStart: new Date(),
        scheduledEnd: new Date(),
        estimateLines: [line],
        estimateTotal: 240_100,
        currency: 'RUB',
      })
      .returning({ id: orders.id });

    const updated = await updateService(t.db, admin, s.id, serviceInput.parse({ ...valid(code), unitPrice: '1500' }));
    expect(updated.unitPrice).toBe(150_000);
    const [kept] = await t.db
      .select({ lines: orders.estimateLines, total: orders.estimateTotal })
      .from(orders)
      .where(eq(orders.id, order.id));
    expect(kept).toEqual({ lines: [line], total: 240_100 });

    await setServiceArchived(t.db, admin, s.id, true);
    expect((await listActiveServices(t.db)).map((x) => x.id)).not.toContain(s.id);
    expect(
      (await listServicesForAdmin(t.db, admin, { includeArchived: true })).find((x) => x.id === s.id)?.active,
    ).toBe(false);
    // The archived service still backs its old order.
    const [still] = await t.db.select({ serviceId: orders.serviceId }).from(orders).where(eq(orders.id, order.id));
    expect(still.serviceId).toBe(s.id);

    const audit = await t.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.entityId, s.id))
      .orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(['service.create', 'service.update', 'service.archive']);
    // Only the changed field is stored for an edit.
    expect(audit[1]).toMatchObject({ before: { unitPrice: 120_050 }, after: { unitPrice: 150_000 } });
  });

  it('is for admins: a manager cannot create or edit services', async () => {
    const manager = await createUser(t.db, 'manager');
    await expect(
      createService(t.db, manager, serviceInput.parse(valid(`m-${randomUUID().slice(0, 6)}`))),
    ).rejects.toMatchObject({ code: 'forbidden' });
    for (const role of ['client', 'worker'] as const) {
      const who = await createUser(t.db, role);
      await expect(listServicesForAdmin(t.db, who)).rejects.toMatchObject({ code: 'forbidden' });
    }
  });
});
