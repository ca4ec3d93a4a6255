import 'server-only';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { payRates, penaltyRules, type Grade } from '@/db/schema';
import { assertRole, assertStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { serviceNameEn, serviceNameRu } from '@/lib/catalog';
import { conflict, notFound } from '@/lib/errors';
import { getSettings } from '@/lib/settings';
import { fromWallTime, parseDateString } from '@/lib/time';
import { defaultPenaltyBands, type PenaltyBand } from './penalties';
import { penaltyBandColumns } from './rates';
import type { PayRateInput, PenaltyRuleInput } from './schemas';

export type PayRateView = {
  id: string;
  serviceId: string | null;
  serviceNameRu: string | null;
  serviceNameEn: string | null;
  grade: Grade;
  shareBp: number;
  travelShareBp: number;
  minPay: number;
  validFrom: Date;
  /** In force now (the latest row at or before now for its service and grade). */
  current: boolean;
};

/** All pay rates with their history, newest first within each service and grade. */
export async function listPayRates(db: Db, actor: Actor): Promise<PayRateView[]> {
  assertStaff(actor);
  const found = await db
    .select({
      id: payRates.id,
      serviceId: payRates.serviceId,
      serviceNameRu: serviceNameRu(payRates.serviceId),
      serviceNameEn: serviceNameEn(payRates.serviceId),
      grade: payRates.grade,
      shareBp: payRates.shareBp,
      travelShareBp: payRates.travelShareBp,
      minPay: payRates.minPay,
      validFrom: payRates.validFrom,
    })
    .from(payRates)
    .orderBy(sql`${serviceNameRu(payRates.serviceId)} asc nulls first`, asc(payRates.grade), desc(payRates.validFrom));
  const now = Date.now();
  const seen = new Set<string>();
  return found.map((r) => {
    const group = `${r.serviceId ?? '*'}:${r.grade}`;
    const current = r.validFrom.getTime() <= now && !seen.has(group);
    if (current) seen.add(group);
    return { ...r, current };
  });
}

/**
 * A new pay rate from a date (admins only). Old rows are never changed, so an order keeps the rate that
 * was in force when it was matched.
 */
export async function addPayRate(db: Db, actor: Actor, input: PayRateInput): Promise<{ id: string }> {
  assertRole(actor, 'admin');
  const { timeZone } = await getSettings(db);
  const validFrom = input.validFrom
    ? fromWallTime({ ...parseDateString(input.validFrom), hour: 0, minute: 0 }, timeZone)
    : new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(payRates)
      .values({
        serviceId: input.serviceId,
        grade: input.grade,
        shareBp: input.sharePercent,
        travelShareBp: input.travelSharePercent,
        minPay: input.minPay,
        validFrom,
        createdBy: actor.id,
      })
      .onConflictDoNothing()
      .returning({ id: payRates.id });
    if (!row) throw conflict('finance.errors.rateExists');
    await recordAudit(tx, actor, {
      action: 'pay_rate.create',
      entity: 'pay_rate',
      entityId: row.id,
      after: { ...input, validFrom },
    });
    return row;
  });
}

export type PenaltyRuleView = PenaltyBand & { id: string; updatedAt: Date };

export async function listPenaltyRules(db: Db, actor: Actor): Promise<PenaltyRuleView[]> {
  assertStaff(actor);
  return db
    .select({
      id: penaltyRules.id,
      ...penaltyBandColumns,
      updatedAt: penaltyRules.updatedAt,
    })
    .from(penaltyRules)
    .orderBy(asc(penaltyRules.rule), desc(penaltyRules.fromValue));
}

/** Writes the built-in bands into the table (seed; the editor's "restore defaults" on an empty table). */
export async function ensureDefaultPenaltyRules(db: Db): Promise<void> {
  await db
    .insert(penaltyRules)
    .values(defaultPenaltyBands.map((b) => ({ ...b })))
    .onConflictDoNothing();
}

/** An admin changes a band's rate, fixed part or switches it off; the band edges stay as defined. */
export async function updatePenaltyRule(db: Db, actor: Actor, input: PenaltyRuleInput): Promise<void> {
  assertRole(actor, 'admin');
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ rateBp: penaltyRules.rateBp, fixedAmount: penaltyRules.fixedAmount, active: penaltyRules.active })
      .from(penaltyRules)
      .where(eq(penaltyRules.id, input.id))
      .for('update');
    if (!before) throw notFound('finance.errors.ruleNotFound');
    const after = { rateBp: input.ratePercent, fixedAmount: input.fixedAmount, active: input.active };
    await tx
      .update(penaltyRules)
      .set({ ...after, updatedBy: actor.id, updatedAt: new Date() })
      .where(eq(penaltyRules.id, input.id));
    await recordAudit(tx, actor, {
      action: 'penalty_rule.update',
      entity: 'penalty_rule',
      entityId: input.id,
      before,
      after,
    });
  });
}
