import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { clientAddresses, users, zones } from '@/db/schema';
import { kindDefinition, notificationKinds } from '@/emails/registry';
import { assertRole, assertStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { listEmailPreferences, setEmailPreferences as setOwnEmailPreferences } from '@/lib/notifications';
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

/**
 * Whose saved addresses and contact a change is about: a client's own, or (staff, on the client's record) the
 * named client's. Staff changes are audited by the use cases below.
 */
async function accountOwner(db: Db, actor: Actor, clientId?: string): Promise<{ id: string; byStaff: boolean }> {
  if (actor.role === 'client') {
    if (clientId && clientId !== actor.id) throw notFound('orders.errors.clientNotFound');
    return { id: actor.id, byStaff: false };
  }
  assertStaff(actor);
  if (!clientId) throw notFound('orders.errors.clientNotFound');
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, clientId));
  if (row?.role !== 'client') throw notFound('orders.errors.clientNotFound');
  return { id: clientId, byStaff: true };
}

/** A client's saved addresses, oldest first: their own, or any client's for staff. */
export async function listSavedAddresses(db: Db, actor: Actor, clientId?: string): Promise<SavedAddress[]> {
  const owner = await accountOwner(db, actor, clientId);
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
    .where(eq(clientAddresses.clientId, owner.id))
    .orderBy(asc(clientAddresses.createdAt));
}

export async function getClientAccount(db: Db, actor: Actor): Promise<ClientAccount> {
  assertRole(actor, 'client');
  const [u] = await db
    .select({ name: users.name, email: users.email, phone: users.phone, locale: users.locale })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!u) throw notFound();
  return {
    name: u.name,
    email: u.email,
    phone: u.phone ?? '',
    locale: u.locale,
    addresses: await listSavedAddresses(db, actor, actor.id),
    // The client's own opt-outs: the notifications module keeps them.
    emailKinds: await listEmailPreferences(db, actor),
  };
}

/** Name and phone: the client's own, or staff's on the client's record (audited). */
export async function updateContact(db: Db, actor: Actor, raw: ContactInput, clientId?: string): Promise<void> {
  const owner = await accountOwner(db, actor, clientId);
  const input = contactInput.parse(raw);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: users.name, phone: users.phone })
      .from(users)
      .where(eq(users.id, owner.id))
      .for('update');
    await tx
      .update(users)
      .set({ name: input.name, phone: input.phone, updatedAt: new Date() })
      .where(eq(users.id, owner.id));
    if (owner.byStaff)
      await recordAudit(tx, actor, {
        action: 'client.update_contact',
        entity: 'client',
        entityId: owner.id,
        before,
        after: { name: input.name, phone: input.phone },
      });
  });
}

async function assertZoneServed(db: Db, zoneId: string): Promise<void> {
  const [zone] = await db
    .select({ id: zones.id })
    .from(zones)
    .where(and(eq(zones.id, zoneId), eq(zones.active, true)));
  if (!zone) throw validationFailed({ zoneId: 'orders.errors.zoneNotServed' }, 'errors.invalidInput');
}

/** Saves an address with its access notes (door code, pets, parking) for the client, or for staff on their record. */
export async function addSavedAddress(
  db: Db,
  actor: Actor,
  raw: AddressInput,
  clientId?: string,
): Promise<{ id: string }> {
  const owner = await accountOwner(db, actor, clientId);
  const input = addressInput.parse(raw);
  await assertZoneServed(db, input.zoneId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(clientAddresses)
      .values({ clientId: owner.id, ...input })
      .returning({ id: clientAddresses.id });
    if (owner.byStaff)
      await recordAudit(tx, actor, {
        action: 'client.address_add',
        entity: 'client',
        entityId: owner.id,
        after: { addressId: row.id, ...input },
      });
    return row;
  });
}

/** Changes a saved address or its access notes; orders already booked keep the notes they were booked with. */
export async function updateSavedAddress(
  db: Db,
  actor: Actor,
  addressId: string,
  raw: AddressInput,
  clientId?: string,
): Promise<void> {
  const owner = await accountOwner(db, actor, clientId);
  const input = addressInput.parse(raw);
  await assertZoneServed(db, input.zoneId);
  await db.transaction(async (tx) => {
    const mine = and(eq(clientAddresses.id, addressId), eq(clientAddresses.clientId, owner.id));
    const [before] = await tx
      .select({
        label: clientAddresses.label,
        address: clientAddresses.address,
        zoneId: clientAddresses.zoneId,
        accessNotes: clientAddresses.accessNotes,
      })
      .from(clientAddresses)
      .where(mine)
      .for('update');
    if (!before) throw notFound('orders.errors.addressNotFound');
    await tx.update(clientAddresses).set(input).where(mine);
    if (owner.byStaff)
      await recordAudit(tx, actor, {
        action: 'client.address_update',
        entity: 'client',
        entityId: owner.id,
        before: { addressId, ...before },
        after: { addressId, ...input },
      });
  });
}

export async function deleteSavedAddress(db: Db, actor: Actor, addressId: string, clientId?: string): Promise<void> {
  const owner = await accountOwner(db, actor, clientId);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(clientAddresses)
      .where(and(eq(clientAddresses.id, addressId), eq(clientAddresses.clientId, owner.id)))
      .returning({ address: clientAddresses.address, accessNotes: clientAddresses.accessNotes });
    if (deleted.length === 0) throw notFound('orders.errors.addressNotFound');
    if (owner.byStaff)
      await recordAudit(tx, actor, {
        action: 'client.address_remove',
        entity: 'client',
        entityId: owner.id,
        before: { addressId, ...deleted[0] },
        after: null,
      });
  });
}

/** Replaces the client's opt-outs among the optional kinds (essential kinds can't be turned off). */
export async function setEmailPreferences(db: Db, actor: Actor, raw: EmailPrefsInput): Promise<void> {
  assertRole(actor, 'client');
  await setOwnEmailPreferences(db, actor, emailPrefsInput.parse(raw));
}
