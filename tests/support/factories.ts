import { randomUUID } from 'node:crypto';
import { hashSync } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  clientProfiles,
  services,
  users,
  workerProfiles,
  workerSkills,
  workerZones,
  zones,
  type Grade,
  type Role,
} from '@/db/schema';
import type { Actor } from '@/lib/actor';

export const TEST_PASSWORD = 'test-password-1';
// The scheme lib/auth uses (Argon2id) at the cheapest cost; tests of the bcrypt re-hash make their own hash.
const passwordHash = hashSync(TEST_PASSWORD, { memoryCost: 1024, timeCost: 1 });

export type TestUser = Actor & { phone: string };

export async function createUser(
  db: Db,
  role: Role,
  overrides: Partial<{ name: string; email: string; locale: 'ru' | 'en'; disabled: boolean; unverified: boolean }> = {},
): Promise<TestUser> {
  const email = overrides.email ?? `${role}-${randomUUID().slice(0, 8)}@test.local`;
  const name = overrides.name ?? `Test ${role}`;
  const locale = overrides.locale ?? 'ru';
  const phone = '+7 900 000-00-00';
  const [row] = await db
    .insert(users)
    .values({
      email,
      name,
      phone,
      role,
      locale,
      passwordHash,
      disabledAt: overrides.disabled ? new Date() : null,
      // Accounts are verified unless a test is about the unverified case.
      emailVerifiedAt: overrides.unverified ? null : new Date(),
    })
    .returning({ id: users.id });
  if (role === 'client') await db.insert(clientProfiles).values({ userId: row.id });
  if (role === 'worker') await db.insert(workerProfiles).values({ userId: row.id });
  return { id: row.id, role, name, email, locale, phone };
}

export async function createZone(db: Db, overrides: Partial<typeof zones.$inferInsert> = {}) {
  const code = overrides.code ?? `z-${randomUUID().slice(0, 6)}`;
  const [row] = await db
    .insert(zones)
    .values({
      code,
      nameRu: `Зона ${code}`,
      nameEn: `Zone ${code}`,
      lat: 55.75,
      lng: 37.62,
      travelFee: 0,
      ...overrides,
    })
    .returning();
  return row;
}

export async function createService(db: Db, overrides: Partial<typeof services.$inferInsert> = {}) {
  const code = overrides.code ?? `svc-${randomUUID().slice(0, 6)}`;
  const [row] = await db
    .insert(services)
    .values({
      code,
      nameRu: `Услуга ${code}`,
      nameEn: `Service ${code}`,
      skill: 'cleaning',
      pricingUnit: 'per_m2',
      unitPrice: 6000,
      minPrice: 0,
      baseMinutes: 60,
      minutesPerUnitX100: 100,
      checklist: [{ code: 'floors', ru: 'Полы', en: 'Floors' }],
      ...overrides,
    })
    .returning();
  return row;
}

export async function createWorker(
  db: Db,
  opts: { grade?: Grade; skills?: string[]; zoneIds?: string[]; name?: string } = {},
): Promise<TestUser> {
  const worker = await createUser(db, 'worker', { name: opts.name });
  await db
    .update(workerProfiles)
    .set({ grade: opts.grade ?? 'standard' })
    .where(eq(workerProfiles.userId, worker.id));
  if (opts.skills?.length)
    await db.insert(workerSkills).values(opts.skills.map((skill) => ({ workerId: worker.id, skill })));
  if (opts.zoneIds?.length)
    await db.insert(workerZones).values(opts.zoneIds.map((zoneId) => ({ workerId: worker.id, zoneId })));
  return worker;
}
