'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { createInvite, resetTwoFactor } from '@/lib/auth';
import { inviteInput } from '@/lib/auth/shared';
import { roleAction } from '@/lib/action';
import { inviteMailer } from '@/lib/notifications';
import { setAccountDisabled } from '@/lib/workers';

export const inviteAction = roleAction(['admin'], inviteInput, async (input, actor) => {
  const invite = await createInvite(await getDb(), actor, input, inviteMailer);
  revalidatePath('/admin/users');
  return { email: invite.email, path: invite.path };
});

export const setDisabledAction = roleAction(
  ['admin'],
  z.object({ userId: z.uuid(), disabled: z.boolean() }),
  async (input, actor) => {
    // A disabled worker's future orders go back to matching inside the use case.
    await setAccountDisabled(await getDb(), actor, input.userId, input.disabled);
    revalidatePath('/admin/users');
  },
);

/** Another admin removes a staff member's authenticator (a lost phone); audited in lib/auth. */
export const resetTwoFactorAction = roleAction(['admin'], z.object({ userId: z.uuid() }), async (input, actor) => {
  await resetTwoFactor(await getDb(), actor, input.userId);
  revalidatePath('/admin/users');
});
