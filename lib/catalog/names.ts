import 'server-only';
import { services } from '@/db/schema';
import { lookupColumn } from '@/db/lookup';

// A service's names for other modules' set-based lists (an invoice's lines, a pay rate, a reminder), read
// through lib/catalog, which owns `services`: correlated subqueries on the primary key (db/lookup.ts), so the
// list stays one query.

/** The Russian name of the service whose id `id` holds. */
export const serviceNameRu = lookupColumn(services, services.id, services.nameRu);
/** The English name of the service whose id `id` holds. */
export const serviceNameEn = lookupColumn(services, services.id, services.nameEn);
