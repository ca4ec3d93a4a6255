import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { users, workerProfiles } from '@/db/schema';
import {
  account,
  accounts,
  personEmail,
  personEnabled,
  personFirstName,
  personMatches,
  personName,
  personPhone,
} from '@/lib/auth';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();

describe('lib/auth people: accounts by id and the person columns of set-based lists', () => {
  it('accounts gives each known id its account (role, contact, state) without the password hash', async () => {
    const client = await createUser(t.db, 'client', { name: 'Anna Petrova', locale: 'en', unverified: true });
    const worker = await createUser(t.db, 'worker', { name: 'Oleg Ivanov', disabled: true });
    await t.db.update(users).set({ passwordHash: null }).where(eq(users.id, client.id));
    const unknown = randomUUID();

    const found = await accounts(t.db, [client.id, worker.id, unknown, client.id]);
    expect([...found.keys()].sort()).toEqual([client.id, worker.id].sort());
    expect(found.get(client.id)).toEqual({
      id: client.id,
      role: 'client',
      name: 'Anna Petrova',
      email: client.email,
      phone: client.phone,
      locale: 'en',
      disabled: false,
      emailVerified: false,
      hasPassword: false,
      createdAt: expect.any(Date),
    });
    expect(found.get(worker.id)).toMatchObject({
      role: 'worker',
      disabled: true,
      emailVerified: true,
      hasPassword: true,
    });
    expect(Object.keys(found.get(worker.id)!)).not.toContain('passwordHash');
    expect(await accounts(t.db, [])).toEqual(new Map());
    expect(await account(t.db, unknown)).toBeNull();
    expect((await account(t.db, worker.id))?.name).toBe('Oleg Ivanov');
  });

  it('the person columns name, filter and sort a one-table query by the user its id column holds', async () => {
    // A one-table select is where drizzle leaves its own columns unqualified: the subquery must still compare
    // users.id with the outer row's column, not with itself.
    const tag = randomUUID().slice(0, 6);
    const boris = await createUser(t.db, 'worker', { name: `Boris ${tag} Smirnov` });
    const alla = await createUser(t.db, 'worker', { name: `Alla ${tag} Kuznetsova` });
    const gone = await createUser(t.db, 'worker', { name: `Vera ${tag} Orlova`, disabled: true });
    const ids = [boris.id, alla.id, gone.id];
    const rows = await t.db
      .select({
        id: workerProfiles.userId,
        name: personName(workerProfiles.userId),
        first: personFirstName(workerProfiles.userId),
        email: personEmail(workerProfiles.userId),
        phone: personPhone(workerProfiles.userId),
      })
      .from(workerProfiles)
      .where(and(inArray(workerProfiles.userId, ids), personEnabled(workerProfiles.userId)))
      .orderBy(asc(personName(workerProfiles.userId)));
    // Alla before Boris by name; Vera's account is disabled.
    expect(rows).toEqual([
      { id: alla.id, name: alla.name, first: 'Alla', email: alla.email, phone: alla.phone },
      { id: boris.id, name: boris.name, first: 'Boris', email: boris.email, phone: boris.phone },
    ]);

    const matching = (like: string) =>
      t.db
        .select({ id: workerProfiles.userId })
        .from(workerProfiles)
        .where(and(inArray(workerProfiles.userId, ids), personMatches(workerProfiles.userId, like)));
    expect(await matching('%smirnov%')).toEqual([{ id: boris.id }]);
    expect(await matching(`%${gone.email.slice(0, 12)}%`)).toEqual([{ id: gone.id }]);
    expect(await matching('%nobody-by-this-name%')).toEqual([]);
  });
});
