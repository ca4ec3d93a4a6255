import 'server-only';
import { and, asc, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { payRates, penaltyRules, type Grade } from '@/db/schema';
import { defaultPayRates, type PayRate } from './pay';
import type { PenaltyBand } from './penalties';

/**
 * The pay rate in force at an instant for a service and grade: the service's own latest row with
 * validFrom <= at, else the fallback row with no service, else the built-in defaults.
 */
export async function payRateAt(
  db: Db,
  serviceId: string,
  grade: Grade,
  at: Date,
): Promise<PayRate & { id: string | null }> {
  const [row] = await db
    .select({
      id: payRates.id,
      shareBp: payRates.shareBp,
      travelShareBp: payRates.travelShareBp,
      minPay: payRates.minPay,
    })
    .from(payRates)
    .where(
      and(
        eq(payRates.grade, grade),
        lte(payRates.validFrom, at),
        or(eq(payRates.serviceId, serviceId), isNull(payRates.serviceId)),
      ),
    )
    .orderBy(asc(sql`${payRates.serviceId} is null`), desc(payRates.validFrom))
    .limit(1);
  return row ?? { id: null, ...defaultPayRates[grade] };
}

/** A penalty band's columns, as the pure rules read it (PenaltyBand). */
export const penaltyBandColumns = {
  rule: penaltyRules.rule,
  fromValue: penaltyRules.fromValue,
  toValue: penaltyRules.toValue,
  rateBp: penaltyRules.rateBp,
  fixedAmount: penaltyRules.fixedAmount,
  active: penaltyRules.active,
};

export async function loadPenaltyBands(db: Db): Promise<PenaltyBand[]> {
  return db.select(penaltyBandColumns).from(penaltyRules);
}
