import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { users, services, zones } from '@/db/schema';
import { seedIfEmpty, demoLogins, DEMO_PASSWORD } from '@/lib/demo';
import { getSettings } from '@/lib/settings';
import { verifyLogin } from '@/lib/auth';
import { setupTestDb } from '../support/db';

const t = setupTestDb();

describe('demo data', () => {
  it('seeds the Moscow cleaning company once, with one login per role', async () => {
    expect(await seedIfEmpty(t.db)).toBe(true);
    expect(await seedIfEmpty(t.db)).toBe(false);
    const settings = await getSettings(t.db);
    expect(settings).toMatchObject({ companyName: 'Чистый дом', currency: 'RUB', timeZone: 'Europe/Moscow' });
    const [{ n: zoneCount }] = await t.db.select({ n: count() }).from(zones);
    const [{ n: serviceCount }] = await t.db.select({ n: count() }).from(services);
    expect(zoneCount).toBeGreaterThanOrEqual(3);
    expect(serviceCount).toBeGreaterThanOrEqual(3);
    for (const [role, email] of Object.entries(demoLogins)) {
      await expect(verifyLogin(t.db, { email, password: DEMO_PASSWORD }, '127.0.0.1')).resolves.toMatchObject({ role });
    }
    expect(await t.db.$count(users)).toBeGreaterThanOrEqual(4);
  });
});
