'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { setWorkerActive, updateWorkerProfile } from '@/lib/workers';
import { setActiveInput, workerProfileInput } from '@/lib/workers/shared';

export const updateWorkerAction = roleAction(['manager', 'admin'], workerProfileInput, async (input, actor) => {
  await updateWorkerProfile(await getDb(), actor, input);
  revalidatePath('/admin/workers');
  revalidatePath(`/admin/workers/${input.workerId}`);
});

export const setWorkerActiveAction = roleAction(['manager', 'admin'], setActiveInput, async (input, actor) => {
  const { unassigned } = await setWorkerActive(await getDb(), actor, input.workerId, input.active);
  revalidatePath('/admin/workers');
  revalidatePath(`/admin/workers/${input.workerId}`);
  return { unassigned: unassigned.length };
});
