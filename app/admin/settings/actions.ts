'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { rebuildOrderStats } from '@/lib/quality';
import { updateSettings } from '@/lib/settings';
import { settingsFormInput, toSettingsPatch } from '@/lib/settings/shared';

/** Saves one section of the settings form (only its keys). */
export const saveSettingsAction = roleAction(['admin'], settingsFormInput, async (input, actor) => {
  await updateSettings(await getDb(), actor, toSettingsPatch(input), {
    // The analysis rollup counts orders by company-zone day: a new zone re-cuts its days.
    onChanged: async (tx, keys) => {
      if (keys.includes('timeZone')) await rebuildOrderStats(tx);
    },
  });
  // Every page reads the settings per request (the time zone even in the root layout's i18n config), so
  // drop whatever the router holds for all of them.
  revalidatePath('/', 'layout');
});
