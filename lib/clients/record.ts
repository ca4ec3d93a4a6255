import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientProfiles } from '@/db/schema';
import { assertStaff, type Actor } from '@/lib/actor';
import { account } from '@/lib/auth';
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
  const [row, [profile]] = await Promise.all([
    account(db, clientId),
    db
      .select({ discountBp: clientProfiles.discountBp })
      .from(clientProfiles)
      .where(eq(clientProfiles.userId, clientId)),
  ]);
  if (!row || row.role !== 'client') throw notFound('clients.errors.notFound');
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone ?? '',
    locale: row.locale,
    verified: row.emailVerified,
    disabled: row.disabled,
    hasPassword: row.hasPassword,
    discountBp: profile?.discountBp ?? 0,
    createdAt: row.createdAt,
  };
}
