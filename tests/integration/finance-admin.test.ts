import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, penaltyRules } from '@/db/schema';
import { payRateAt } from '@/lib/finance/rates';
import {
  addPayRate,
  ensureDefaultPenaltyRules,
  listPayRates,
  listPenaltyRules,
  updatePenaltyRule,
} from '@/lib/finance/rules-admin';
import { payRateInput, penaltyRuleInput } from '@/lib/finance/schemas';
import { createService, createUser } from '../support/factories';
import { setupTestDb } from '../support/db';

const t = setupTestDb();

describe('pay rates and penalty rules editors', () => {
  it('an admin adds rates with history; the rate in force follows validFrom; managers may only read', async () => {
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    const service = await createService(t.db);
    await addPayRate(
      t.db,
      admin,
      payRateInput.parse({
        serviceId: '',
        grade: 'standard',
        sharePercent: '50',
        travelSharePercent: '100',
        minPay: '1000',
        validFrom: '2025-01-01',
      }),
    );
    await addPayRate(
      t.db,
      admin,
      payRateInput.parse({
        serviceId: service.id,
        grade: 'standard',
        sharePercent: '57,5',
        travelSharePercent: '100',
        minPay: '0',
        validFrom: '2026-01-01',
      }),
    );
    await expect(
      addPayRate(
        t.db,
        manager,
        payRateInput.parse({
          serviceId: '',
          grade: 'junior',
          sharePercent: '50',
          travelSharePercent: '100',
          minPay: '0',
          validFrom: '',
        }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    // 57.5 % = 5 750 bp from 2026-01-01 (Moscow midnight); before that the fallback 50 %.
    expect((await payRateAt(t.db, service.id, 'standard', new Date('2026-02-01T00:00:00Z'))).shareBp).toBe(5_750);
    expect((await payRateAt(t.db, service.id, 'standard', new Date('2025-06-01T00:00:00Z'))).shareBp).toBe(5_000);
    const rates = await listPayRates(t.db, manager);
    expect(rates.map((r) => [r.serviceId === null ? 'fallback' : 'service', r.shareBp, r.current])).toEqual([
      ['fallback', 5_000, true],
      ['service', 5_750, true],
    ]);
    // Each rate names its service (none for the fallback).
    expect(rates.map((r) => [r.serviceNameEn, r.serviceNameRu])).toEqual([
      [null, null],
      [service.nameEn, service.nameRu],
    ]);
  });

  it('an admin edits a penalty band (audited); a manager cannot', async () => {
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    await ensureDefaultPenaltyRules(t.db);
    await ensureDefaultPenaltyRules(t.db);
    const rules = await listPenaltyRules(t.db, admin);
    // Idempotent: 2 lateness + 4 late-decline bands + one rule per failure reason (5) = 11 rows, once each.
    expect(rules).toHaveLength(11);
    const lateness = rules.find((r) => r.rule === 'lateness' && r.fromValue === 0)!;
    const input = penaltyRuleInput.parse({ id: lateness.id, ratePercent: '15', fixedAmount: '100', active: true });
    await expect(updatePenaltyRule(t.db, manager, input)).rejects.toMatchObject({ code: 'forbidden' });
    await updatePenaltyRule(t.db, admin, input);
    const [row] = await t.db
      .select({ rateBp: penaltyRules.rateBp, fixedAmount: penaltyRules.fixedAmount })
      .from(penaltyRules)
      .where(eq(penaltyRules.id, lateness.id));
    expect(row).toEqual({ rateBp: 1_500, fixedAmount: 10_000 });
    expect(await t.db.$count(auditLog, eq(auditLog.entityId, lateness.id))).toBe(1);
  });
});
