'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { resendDeadLetter } from '@/lib/notifications';

export const resendAction = roleAction(['admin'], z.object({ id: z.uuid() }), async (input, actor) => {
  await resendDeadLetter(await getDb(), actor, input.id);
  revalidatePath('/admin/outbox');
});
