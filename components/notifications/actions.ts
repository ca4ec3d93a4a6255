'use server';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { emailPreferencesInput, setEmailPreferences } from '@/lib/notifications';

/** Any signed-in person sets their own opt-outs (the module keeps it to their optional kinds). */
export const setEmailPreferencesAction = roleAction(
  ['client', 'worker', 'manager', 'admin'],
  emailPreferencesInput,
  async (input, actor) => {
    await setEmailPreferences(await getDb(), actor, input);
  },
);
