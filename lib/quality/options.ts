import 'server-only';
import type { Db } from '@/db';
import { assertStaff, type Actor } from '@/lib/actor';
import { peopleOfRole } from '@/lib/auth';
import { serviceNames } from '@/lib/catalog';
import { zoneNames } from '@/lib/settings';

export type FilterOption = { id: string; label: string };

/** Choices for the filters of the queue, the analysis and the performance pages (archived services included: old orders use them). */
export async function filterOptions(
  db: Db,
  actor: Actor,
  locale: 'ru' | 'en',
): Promise<{ services: FilterOption[]; zones: FilterOption[]; workers: FilterOption[] }> {
  assertStaff(actor);
  const [s, z, w] = await Promise.all([serviceNames(db), zoneNames(db), peopleOfRole(db, 'worker')]);
  const pick = (r: { id: string; nameRu: string; nameEn: string }) => ({
    id: r.id,
    label: locale === 'en' ? r.nameEn : r.nameRu,
  });
  return { services: s.map(pick), zones: z.map(pick), workers: w.map((r) => ({ id: r.id, label: r.name })) };
}
