import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientProfiles, users } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { notFound } from '@/lib/errors';

export type ClientContact = {
  id: string;
  name: string;
  email: string;
  phone: string;
  locale: 'ru' | 'en';
  verified: boolean;
  disabled: boolean;
  /** Whether the client has set a password yet (a phone-booked client has not until they use the emailed link). */
  hasPassword: boolean;
  discountBp: number;
  createdAt: Date;
};

/** The head of the client record: contact details and account state. Staff only; a non-client id is NotFound. */
export async function getClientContact(db: Db, actor: Actor, clientId: string): Promise<ClientContact> {
  assertStaff(actor);
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      email: users.email,
      phone: users.phone,
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
      disabledAt: users.disabledAt,
      passwordHash: users.passwordHash,
      discountBp: clientProfiles.discountBp,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(clientProfiles, eq(clientProfiles.userId, users.id))
    .where(eq(users.id, clientId));
  if (!row || row.role !== 'client') throw notFound('clients.errors.notFound');
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone ?? '',
    locale: row.locale,
    verified: row.emailVerifiedAt !== null,
    disabled: row.disabledAt !== null,
    hasPassword: row.passwordHash !== null,
    discountBp: row.discountBp ?? 0,
    createdAt: row.createdAt,
  };
}
