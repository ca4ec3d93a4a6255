'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { updateSettings } from '@/lib/settings';
import { settingsFormInput, toSettingsPatch } from '@/lib/settings/shared';

/** Saves one section of the settings form (only its keys). */
export const saveSettingsAction = roleAction(['admin'], settingsFormInput, async (input, actor) => {
  await updateSettings(await getDb(), actor, toSettingsPatch(input));
  // Every page reads the settings per request (the time zone even in the root layout's i18n config), so
  // drop whatever the router holds for all of them.
  revalidatePath('/', 'layout');
});
