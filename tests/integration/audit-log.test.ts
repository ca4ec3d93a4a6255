import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { listAudit, recordAudit } from '@/lib/audit';
import { refusal, setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();

describe('audit log', () => {
  it('stores only the changed keys and lists newest first with filters', async () => {
    const admin = await createUser(t.db, 'admin');
    await recordAudit(t.db, admin, {
      action: 'service.update',
      entity: 'service',
      entityId: 's1',
      before: { unitPrice: 100, name: 'A' },
      after: { unitPrice: 120, name: 'A' },
    });
    await recordAudit(
      t.db,
      { id: null, role: 'system' },
      { action: 'order.fail', entity: 'order', entityId: 'o1', after: { reason: 'no_show' } },
    );
    const all = await listAudit(t.db, admin);
    expect(all.items.map((e) => e.action)).toEqual(['order.fail', 'service.update']);
    expect(all.items[1]).toMatchObject({
      actorName: admin.name,
      actorRole: 'admin',
      before: { unitPrice: 100 },
      after: { unitPrice: 120 },
    });
    expect(all.items[0]).toMatchObject({ actorId: null, actorRole: null });
    const services = await listAudit(t.db, admin, { action: 'service' });
    expect(services.items).toHaveLength(1);
    const paged = await listAudit(t.db, admin, { limit: 1 });
    expect(paged.items).toHaveLength(1);
    expect(paged.next).not.toBeNull();
  });

  it('rolls back with the change it describes', async () => {
    const admin = await createUser(t.db, 'admin');
    const before = await t.db.$count(auditLog);
    await expect(
      t.db.transaction(async (tx) => {
        await recordAudit(tx, admin, { action: 'x.y', entity: 'x' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await t.db.$count(auditLog)).toBe(before);
  });

  it('is for admins only', async () => {
    for (const role of ['manager', 'worker', 'client'] as const) {
      const user = await createUser(t.db, role);
      await expect(listAudit(t.db, user)).rejects.toMatchObject({ code: 'forbidden' });
    }
  });
});

describe('the audit log is append-only in the database', () => {
  it('refuses to update or delete a row, whoever asks', async () => {
    const admin = await createUser(t.db, 'admin');
    await recordAudit(t.db, admin, { action: 'test.write', entity: 'test', entityId: 'x', after: { a: 1 } });
    const [row] = await t.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'test.write'));
    expect(
      await refusal(t.db.update(auditLog).set({ action: 'test.rewritten' }).where(eq(auditLog.id, row.id))),
    ).toMatch(/append-only/);
    expect(await refusal(t.db.delete(auditLog).where(eq(auditLog.id, row.id)))).toMatch(/append-only/);
    const [still] = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.id, row.id));
    expect(still.action).toBe('test.write');
  });
});
