'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { createInvite } from '@/lib/auth';
import { inviteInput } from '@/lib/auth/schemas';
import { roleAction } from '@/lib/action';
import { recordAudit } from '@/lib/audit';
import { matchSoon } from '@/lib/matching';
import { inviteMailer } from '@/lib/notifications';
import { setAccountDisabled } from '@/lib/workers';

export const inviteAction = roleAction(['admin'], inviteInput, async (input, actor) => {
  const db = await getDb();
  // The invite and its audit row commit together (the inner transaction becomes a savepoint).
  const invite = await db.transaction(async (tx) => {
    const created = await createInvite(tx, actor, input, inviteMailer);
    await recordAudit(tx, actor, {
      action: 'user.invite',
      entity: 'invite',
      entityId: created.id,
      after: { email: created.email, name: input.name, role: input.role },
    });
    return created;
  });
  revalidatePath('/admin/users');
  return { email: invite.email, path: invite.path };
});

export const setDisabledAction = roleAction(
  ['admin'],
  z.object({ userId: z.uuid(), disabled: z.boolean() }),
  async (input, actor) => {
    const { unassigned } = await setAccountDisabled(await getDb(), actor, input.userId, input.disabled);
    // A disabled worker's future orders are pending again: matching finds someone else after the response.
    matchSoon(unassigned);
    revalidatePath('/admin/users');
  },
);
