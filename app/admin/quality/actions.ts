'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { formTemplateInput, saveQualityForm, setQualityFormArchived } from '@/lib/quality';

export const saveQualityFormAction = roleAction(
  ['admin'],
  z.object({ id: z.uuid().nullable(), form: formTemplateInput }),
  async (input, actor) => {
    const saved = await saveQualityForm(await getDb(), actor, input.id, input.form);
    revalidatePath('/admin/quality');
    return saved;
  },
);

export const archiveQualityFormAction = roleAction(
  ['admin'],
  z.object({ id: z.uuid(), archived: z.boolean() }),
  async (input, actor) => {
    await setQualityFormArchived(await getDb(), actor, input.id, input.archived);
    revalidatePath('/admin/quality');
  },
);
