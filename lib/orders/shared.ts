// lib/orders's client-safe face: schemas, types and pure rules that the browser may load too. The server face
// (index.ts) re-exports it.
import type { ServiceExtra } from '@/db/schema/catalog';
import type { PricingUnit } from '@/lib/finance/shared';

export * from './booking-rules';
export * from './schemas';
export * from './scope';

/** What the booking form needs of a service to price and time an order in the browser. */
export type BookableService = {
  id: string;
  nameRu: string;
  nameEn: string;
  pricingUnit: PricingUnit;
  unitPrice: number;
  minPrice: number;
  bathroomPrice: number;
  baseMinutes: number;
  minutesPerUnitX100: number;
  extras: ServiceExtra[];
};
