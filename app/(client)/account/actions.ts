'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { resendEmailVerification } from '@/lib/auth';
import {
  addressInput,
  addSavedAddress,
  contactInput,
  deleteSavedAddress,
  emailPrefsInput,
  setEmailPreferences,
  updateContact,
} from '@/lib/orders';

export const updateContactAction = roleAction(['client'], contactInput, async (input, actor) => {
  await updateContact(await getDb(), actor, input);
  revalidatePath('/', 'layout');
});

export const addAddressAction = roleAction(['client'], addressInput, async (input, actor) => {
  await addSavedAddress(await getDb(), actor, input);
  revalidatePath('/account');
});

export const deleteAddressAction = roleAction(['client'], z.object({ addressId: z.uuid() }), async (input, actor) => {
  await deleteSavedAddress(await getDb(), actor, input.addressId);
  revalidatePath('/account');
});

export const setEmailPrefsAction = roleAction(['client'], emailPrefsInput, async (input, actor) => {
  await setEmailPreferences(await getDb(), actor, input);
  revalidatePath('/account');
});

/** A new email-confirmation link (the old ones stop working); rate-limited in lib/auth. */
export const resendVerificationAction = roleAction(['client'], z.object({}), async (_input, actor) => {
  await resendEmailVerification(await getDb(), actor);
});
