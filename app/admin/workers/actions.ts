'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { matchSoon } from '@/lib/matching';
import { setWorkerActive, updateWorkerProfile } from '@/lib/workers';
import { setActiveInput, workerProfileInput } from '@/lib/workers/schemas';

export const updateWorkerAction = roleAction(['manager', 'admin'], workerProfileInput, async (input, actor) => {
  await updateWorkerProfile(await getDb(), actor, input);
  revalidatePath('/admin/workers');
  revalidatePath(`/admin/workers/${input.workerId}`);
});

export const setWorkerActiveAction = roleAction(['manager', 'admin'], setActiveInput, async (input, actor) => {
  const { unassigned } = await setWorkerActive(await getDb(), actor, input.workerId, input.active);
  // Their future orders are pending again: let matching find someone else after the response.
  matchSoon(unassigned);
  revalidatePath('/admin/workers');
  revalidatePath(`/admin/workers/${input.workerId}`);
  return { unassigned: unassigned.length };
});
