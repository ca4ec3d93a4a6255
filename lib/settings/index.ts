import 'server-only';
export * from './shared';
import { AsyncLocalStorage } from 'node:async_hooks';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { settings, zones } from '@/db/schema';
import { settingsSchema, type Settings, type SettingKey } from './schema';
import { settingsRuleErrors } from './form';
import { assertRole, assertStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { validationFailed } from '@/lib/errors';

export { settingsSchema, defaultSettings, type Settings } from './schema';

const pinned = new AsyncLocalStorage<Settings>();

/** The company's settings, read from the table (or the ones pinned by withSettingsPinned around this call). */
export async function getSettings(db: Db): Promise<Settings> {
  return pinned.getStore() ?? readSettings(db);
}

async function readSettings(db: Db): Promise<Settings> {
  const rows = await db.select({ key: settings.key, value: settings.value }).from(settings);
  return settingsSchema.parse(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/**
 * Runs `work` with the settings read once and frozen: every getSettings inside it (in any transaction)
 * answers them without a query. For a script that replays a long run of business on settings it never
 * changes (the large demo's thousands of transactions each read them otherwise); requests never pin, so a
 * change applies from the next request on. updateSettings always reads the table.
 */
export async function withSettingsPinned<T>(db: Db, work: () => Promise<T>): Promise<T> {
  return pinned.run(deepFreeze(await readSettings(db)), work);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The settings page: managers read the company's rules (to explain them to clients and workers), admins edit them. */
export async function getSettingsView(db: Db, actor: Actor): Promise<{ settings: Settings; canEdit: boolean }> {
  assertStaff(actor);
  return { settings: await getSettings(db), canEdit: actor.role === 'admin' };
}

/**
 * Changes some settings (admins only) and records which ones, with their values before and after, in the
 * audit log, in one transaction. Keys whose value does not change are not written or logged; a patch that
 * changes nothing leaves no audit row. Besides the stored shape (settingsSchema), the merged settings must
 * keep the rules that would otherwise break the product (settingsRuleErrors: a real time zone, bookable
 * hours from < to, ...). The currency is refused: it labels every amount already in the ledger, invoices
 * and payslips, and changing it would relabel that money without converting it.
 * Nothing caches settings across requests (getSettings reads the table each time, lib/i18n/request.ts only
 * per request), so a change applies from the next request on.
 */
export async function updateSettings(
  db: Db,
  actor: Actor,
  patch: Partial<Settings>,
  /** Runs in the same transaction after the changed keys are written (e.g. data kept by company-zone day). */
  opts: { onChanged?: (tx: Db, keys: SettingKey[]) => Promise<void> } = {},
): Promise<Settings> {
  assertRole(actor, 'admin');
  return db.transaction(async (tx) => {
    // Two admins saving at once write, and log their before/after, one after the other. A table lock rather
    // than row locks, because a key still at its default has no row to lock; plain reads are not blocked.
    await tx.execute(sql`lock table ${settings} in share row exclusive mode`);
    const current = await readSettings(tx);
    const merged = settingsSchema.parse({ ...current, ...patch });
    if (merged.currency !== current.currency)
      throw validationFailed({ currency: 'settings.errors.currencyFixed' }, 'settings.errors.currencyFixed');
    const fields = settingsRuleErrors(merged);
    if (Object.keys(fields).length) throw validationFailed(fields, 'errors.invalidInput');
    const keys = (Object.keys(patch) as SettingKey[]).filter(
      (key) => key in merged && JSON.stringify(current[key]) !== JSON.stringify(merged[key]),
    );
    if (keys.length === 0) return merged;
    const now = new Date();
    for (const key of keys) {
      await tx
        .insert(settings)
        .values({ key, value: merged[key], updatedAt: now })
        .onConflictDoUpdate({ target: settings.key, set: { value: merged[key], updatedAt: now } });
    }
    await opts.onChanged?.(tx, keys);
    const pick = (s: Settings) => Object.fromEntries(keys.map((key) => [key, s[key]]));
    await recordAudit(tx, actor, {
      action: 'settings.update',
      entity: 'settings',
      before: pick(current),
      after: pick(merged),
    });
    return merged;
  });
}

export type ZoneDto = { id: string; code: string; name: string; lat: number; lng: number; travelFee: number };

export async function listZones(db: Db, locale: 'ru' | 'en'): Promise<ZoneDto[]> {
  const rows = await db
    .select({
      id: zones.id,
      code: zones.code,
      nameRu: zones.nameRu,
      nameEn: zones.nameEn,
      lat: zones.lat,
      lng: zones.lng,
      travelFee: zones.travelFee,
    })
    .from(zones)
    .where(eq(zones.active, true))
    .orderBy(asc(zones.nameRu));
  return rows.map((z) => ({
    id: z.id,
    code: z.code,
    name: locale === 'ru' ? z.nameRu : z.nameEn,
    lat: z.lat,
    lng: z.lng,
    travelFee: z.travelFee,
  }));
}

/** Every zone's names in both languages, inactive ones included (old orders name them), by Russian name. */
export async function zoneNames(db: Db): Promise<{ id: string; nameRu: string; nameEn: string }[]> {
  return db.select({ id: zones.id, nameRu: zones.nameRu, nameEn: zones.nameEn }).from(zones).orderBy(asc(zones.nameRu));
}

export async function zonesByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: zones.id, lat: zones.lat, lng: zones.lng, travelFee: zones.travelFee })
    .from(zones)
    .where(inArray(zones.id, ids));
}
