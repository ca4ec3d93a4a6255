import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientAddresses, notificationOptOuts, users, zones } from '@/db/schema';
import { kindDefinition, notificationKinds } from '@/emails/registry';
import { assertRole, type Actor } from '@/lib/actor';
import { notFound, validationFailed } from '@/lib/errors';
import {
  addressInput,
  contactInput,
  emailPrefsInput,
  type AddressInput,
  type ContactInput,
  type EmailPrefsInput,
} from './schemas';

export type SavedAddress = {
  id: string;
  label: string;
  address: string;
  zoneId: string;
  zoneNameRu: string;
  zoneNameEn: string;
  accessNotes: string;
};

export type ClientAccount = {
  name: string;
  email: string;
  phone: string;
  locale: 'ru' | 'en';
  addresses: SavedAddress[];
  /** Kinds a client may turn off (non-essential, addressed to clients), and which are off. */
  emailKinds: { kind: string; enabled: boolean }[];
};

/** Email kinds a client may opt out of: the notifications registry marks which are essential. */
export function clientOptionalKinds(): string[] {
  return notificationKinds.filter((k) => {
    const def = kindDefinition(k);
    return !def.essential && (def.audience === 'client' || def.audience === 'anyone');
  });
}

export async function listSavedAddresses(db: Db, actor: Actor): Promise<SavedAddress[]> {
  assertRole(actor, 'client');
  return db
    .select({
      id: clientAddresses.id,
      label: clientAddresses.label,
      address: clientAddresses.address,
      zoneId: clientAddresses.zoneId,
      zoneNameRu: zones.nameRu,
      zoneNameEn: zones.nameEn,
      accessNotes: clientAddresses.accessNotes,
    })
    .from(clientAddresses)
    .innerJoin(zones, eq(zones.id, clientAddresses.zoneId))
    .where(eq(clientAddresses.clientId, actor.id))
    .orderBy(asc(clientAddresses.createdAt));
}

export async function getClientAccount(db: Db, actor: Actor): Promise<ClientAccount> {
  assertRole(actor, 'client');
  const [u] = await db
    .select({ name: users.name, email: users.email, phone: users.phone, locale: users.locale })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!u) throw notFound();
  const optional = clientOptionalKinds();
  const off = optional.length
    ? await db
        .select({ kind: notificationOptOuts.kind })
        .from(notificationOptOuts)
        .where(and(eq(notificationOptOuts.userId, actor.id), inArray(notificationOptOuts.kind, optional)))
    : [];
  const offSet = new Set(off.map((o) => o.kind));
  return {
    name: u.name,
    email: u.email,
    phone: u.phone ?? '',
    locale: u.locale,
    addresses: await listSavedAddresses(db, actor),
    emailKinds: optional.map((kind) => ({ kind, enabled: !offSet.has(kind) })),
  };
}

export async function updateContact(db: Db, actor: Actor, raw: ContactInput): Promise<void> {
  assertRole(actor, 'client');
  const input = contactInput.parse(raw);
  await db
    .update(users)
    .set({ name: input.name, phone: input.phone, updatedAt: new Date() })
    .where(eq(users.id, actor.id));
}

export async function addSavedAddress(db: Db, actor: Actor, raw: AddressInput): Promise<{ id: string }> {
  assertRole(actor, 'client');
  const input = addressInput.parse(raw);
  const [zone] = await db
    .select({ id: zones.id })
    .from(zones)
    .where(and(eq(zones.id, input.zoneId), eq(zones.active, true)));
  if (!zone) throw validationFailed({ zoneId: 'orders.errors.zoneNotServed' }, 'errors.invalidInput');
  const [row] = await db
    .insert(clientAddresses)
    .values({ clientId: actor.id, ...input })
    .returning({ id: clientAddresses.id });
  return row;
}

export async function deleteSavedAddress(db: Db, actor: Actor, addressId: string): Promise<void> {
  assertRole(actor, 'client');
  const deleted = await db
    .delete(clientAddresses)
    .where(and(eq(clientAddresses.id, addressId), eq(clientAddresses.clientId, actor.id)))
    .returning({ id: clientAddresses.id });
  if (deleted.length === 0) throw notFound('orders.errors.addressNotFound');
}

/** Replaces the client's opt-outs among the optional kinds (essential kinds can't be turned off). */
export async function setEmailPreferences(db: Db, actor: Actor, raw: EmailPrefsInput): Promise<void> {
  assertRole(actor, 'client');
  const input = emailPrefsInput.parse(raw);
  const optional = clientOptionalKinds();
  const off = [...new Set(input.optOut)].filter((k) => optional.includes(k));
  await db.transaction(async (tx) => {
    if (optional.length)
      await tx
        .delete(notificationOptOuts)
        .where(and(eq(notificationOptOuts.userId, actor.id), inArray(notificationOptOuts.kind, optional)));
    if (off.length) await tx.insert(notificationOptOuts).values(off.map((kind) => ({ userId: actor.id, kind })));
  });
}
