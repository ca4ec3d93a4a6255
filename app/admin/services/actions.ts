'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import {
  archiveServiceInput,
  createService,
  serviceInput,
  setServiceArchived,
  updateService,
  updateServiceInput,
} from '@/lib/catalog';

export const createServiceAction = roleAction(['admin'], serviceInput, async (input, actor) => {
  const service = await createService(await getDb(), actor, input);
  revalidatePath('/admin/services');
  revalidatePath('/services');
  return { id: service.id };
});

export const updateServiceAction = roleAction(['admin'], updateServiceInput, async (input, actor) => {
  const service = await updateService(await getDb(), actor, input.id, input.service);
  revalidatePath('/admin/services');
  revalidatePath(`/admin/services/${service.id}`);
  revalidatePath('/services');
  return { id: service.id };
});

export const archiveServiceAction = roleAction(['admin'], archiveServiceInput, async (input, actor) => {
  await setServiceArchived(await getDb(), actor, input.id, input.archived);
  revalidatePath('/admin/services');
  revalidatePath('/services');
});
