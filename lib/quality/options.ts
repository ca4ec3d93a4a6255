import 'server-only';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { services, users, zones } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';

export type FilterOption = { id: string; label: string };

/** Choices for the filters of the queue, the analysis and the performance pages (archived services included: old orders use them). */
export async function filterOptions(
  db: Db,
  actor: Actor,
  locale: 'ru' | 'en',
): Promise<{ services: FilterOption[]; zones: FilterOption[]; workers: FilterOption[] }> {
  assertStaff(actor);
  const [s, z, w] = await Promise.all([
    db
      .select({ id: services.id, ru: services.nameRu, en: services.nameEn })
      .from(services)
      .orderBy(asc(services.nameRu)),
    db.select({ id: zones.id, ru: zones.nameRu, en: zones.nameEn }).from(zones).orderBy(asc(zones.nameRu)),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, 'worker')).orderBy(asc(users.name)),
  ]);
  const pick = (r: { id: string; ru: string; en: string }) => ({ id: r.id, label: locale === 'en' ? r.en : r.ru });
  return { services: s.map(pick), zones: z.map(pick), workers: w.map((r) => ({ id: r.id, label: r.name })) };
}
