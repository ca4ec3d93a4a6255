'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { createInvite, setUserDisabled } from '@/lib/auth';
import { inviteInput } from '@/lib/auth/schemas';
import { roleAction } from '@/lib/action';

export const inviteAction = roleAction(['admin'], inviteInput, async (input, actor) => {
  const invite = await createInvite(await getDb(), actor, input);
  revalidatePath('/admin/users');
  return { email: invite.email, path: invite.path };
});

export const setDisabledAction = roleAction(['admin'], z.object({ userId: z.uuid(), disabled: z.boolean() }), async (input, actor) => {
  await setUserDisabled(await getDb(), actor, input.userId, input.disabled);
  revalidatePath('/admin/users');
});
