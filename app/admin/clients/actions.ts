'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { newClientInput } from '@/lib/auth';
import {
  addPreferredWorker,
  addStaffNote,
  archiveNoteInput,
  archiveStaffNote,
  bookForClient,
  createPhoneClient,
  phoneBookingInput,
  preferredWorkerInput,
  removePreferredInput,
  removePreferredWorker,
  staffNoteInput,
} from '@/lib/clients';
import {
  addressInput,
  addSavedAddress,
  contactInput,
  deleteSavedAddress,
  updateContact,
  updateSavedAddress,
  type AddressInput,
  type ContactInput,
} from '@/lib/orders';

// Staff's actions on a client record and phone bookings. Each module function checks the actor and audits.
const staff = ['manager', 'admin'] as const;
const record = (clientId: string) => revalidatePath(`/admin/clients/${clientId}`);

/** A caller not on file: their account (emailed a link to set a password), or the client who has the email. */
export const createPhoneClientAction = roleAction([...staff], newClientInput, async (input, actor) =>
  createPhoneClient(await getDb(), actor, input),
);

/** The client's own order form, booked by staff on the client's behalf (once, or a recurring plan). */
export const bookForClientAction = roleAction([...staff], phoneBookingInput, async (input, actor) => {
  const booked = await bookForClient(await getDb(), actor, input);
  record(input.clientId);
  return { id: booked.orderId ?? '', planId: booked.planId };
});

export const addStaffNoteAction = roleAction([...staff], staffNoteInput, async (input, actor) => {
  await addStaffNote(await getDb(), actor, input);
  record(input.clientId);
  if (input.orderId) revalidatePath(`/admin/orders/${input.orderId}`);
});

export const archiveStaffNoteAction = roleAction([...staff], archiveNoteInput, async (input, actor) => {
  await archiveStaffNote(await getDb(), actor, input);
  revalidatePath('/admin', 'layout');
});

export const addPreferredAction = roleAction([...staff], preferredWorkerInput, async (input, actor) => {
  await addPreferredWorker(await getDb(), actor, input);
  record(input.clientId);
});

export const removePreferredAction = roleAction([...staff], removePreferredInput, async (input, actor) => {
  await removePreferredWorker(await getDb(), actor, input);
  record(input.clientId);
});

const contactForClient = roleAction([...staff], contactInput.extend({ clientId: z.uuid() }), async (input, actor) => {
  const { clientId, ...contact } = input;
  await updateContact(await getDb(), actor, contact, clientId);
  record(clientId);
});

const addressForClient = roleAction(
  [...staff],
  addressInput.extend({ clientId: z.uuid(), addressId: z.union([z.uuid(), z.literal('')]).default('') }),
  async (input, actor) => {
    const { clientId, addressId, ...address } = input;
    const db = await getDb();
    if (addressId) await updateSavedAddress(db, actor, addressId, address, clientId);
    else await addSavedAddress(db, actor, address, clientId);
    record(clientId);
  },
);

const removeAddress = roleAction(
  [...staff],
  z.object({ clientId: z.uuid(), addressId: z.uuid() }),
  async (input, actor) => {
    await deleteSavedAddress(await getDb(), actor, input.addressId, input.clientId);
    record(input.clientId);
  },
);

// Bound to the client (and address) on the record page, so the client's own account forms serve staff too.
export async function updateClientContactAction(clientId: string, input: ContactInput) {
  return contactForClient({ ...input, clientId });
}

export async function saveClientAddressAction(clientId: string, addressId: string, input: AddressInput) {
  return addressForClient({ ...input, clientId, addressId });
}

export async function deleteClientAddressAction(clientId: string, addressId: string) {
  return removeAddress({ clientId, addressId });
}
