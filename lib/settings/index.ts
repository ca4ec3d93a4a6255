import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { settings, zones } from '@/db/schema';
import { settingsSchema, type Settings, type SettingKey } from './schema';
import type { Actor } from '@/lib/auth/actor';
import { forbidden } from '@/lib/errors';

export { settingsSchema, defaultSettings, type Settings } from './schema';

export async function getSettings(db: Db): Promise<Settings> {
  const rows = await db.select({ key: settings.key, value: settings.value }).from(settings);
  return settingsSchema.parse(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

export async function updateSettings(db: Db, actor: Actor, patch: Partial<Settings>): Promise<Settings> {
  if (actor.role !== 'admin') throw forbidden('Only an admin can change settings');
  const merged = settingsSchema.parse({ ...(await getSettings(db)), ...patch });
  const keys = Object.keys(patch) as SettingKey[];
  await db.transaction(async (tx) => {
    for (const key of keys) {
      await tx
        .insert(settings)
        .values({ key, value: merged[key] })
        .onConflictDoUpdate({ target: settings.key, set: { value: merged[key], updatedAt: new Date() } });
    }
  });
  return merged;
}

export type ZoneDto = { id: string; code: string; name: string; lat: number; lng: number; travelFee: number };

export async function listZones(db: Db, locale: 'ru' | 'en'): Promise<ZoneDto[]> {
  const rows = await db
    .select({ id: zones.id, code: zones.code, nameRu: zones.nameRu, nameEn: zones.nameEn, lat: zones.lat, lng: zones.lng, travelFee: zones.travelFee })
    .from(zones)
    .where(eq(zones.active, true))
    .orderBy(asc(zones.nameRu));
  return rows.map((z) => ({ id: z.id, code: z.code, name: locale === 'ru' ? z.nameRu : z.nameEn, lat: z.lat, lng: z.lng, travelFee: z.travelFee }));
}

export async function zonesByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: zones.id, lat: zones.lat, lng: zones.lng, travelFee: zones.travelFee }).from(zones).where(inArray(zones.id, ids));
}
