import 'server-only';
import { asc, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { services, type ChecklistItem } from '@/db/schema';
import { estimateDuration, priceOrder } from '@/lib/finance/shared';
import { servicePricingColumns } from '@/lib/catalog';
import { getSettings } from '@/lib/settings';
import { MAX_AREA_M2 } from './schemas';
import type { BookableService } from './shared';

export type CatalogueService = BookableService & {
  code: string;
  descriptionRu: string;
  descriptionEn: string;
  checklist: ChecklistItem[];
  /** The lowest estimate (smallest quantity, no extras, standard grade, no travel or urgency). */
  priceFrom: number;
  /** Duration of that smallest job, minutes. */
  minutesFrom: number;
};

/** Smallest quantity a client can book, per unit: the "from" figures in the catalogue use it. */
const smallestOptions = { areaM2: 1, rooms: 1, hours: 1, bathrooms: 1, extras: [] as string[] };

/**
 * The active catalogue, as clients see it (any signed-in user may read it; it holds nothing private).
 * Read-only here: the catalogue's CRUD belongs to lib/catalog.
 */
export async function listCatalogue(
  db: Db,
): Promise<{ services: CatalogueService[]; currency: string; maxAreaM2: number }> {
  const settings = await getSettings(db);
  const rows = await db
    .select({
      ...servicePricingColumns,
      descriptionRu: services.descriptionRu,
      descriptionEn: services.descriptionEn,
      checklist: services.checklist,
    })
    .from(services)
    .where(isNull(services.archivedAt))
    .orderBy(asc(services.minPrice), asc(services.code));
  const far = new Date(Date.UTC(2100, 0, 1));
  return {
    currency: settings.currency,
    maxAreaM2: MAX_AREA_M2,
    services: rows.map((s) => ({
      ...s,
      priceFrom: priceOrder({
        service: s,
        options: smallestOptions,
        grade: null,
        zone: { travelFee: 0 },
        startsAt: far,
        now: new Date(0),
        discountBp: 0,
        gradeCoefficientsBp: settings.gradeCoefficientsBp,
        urgency: settings.urgency,
      }).total,
      minutesFrom: estimateDuration(s, smallestOptions),
    })),
  };
}
