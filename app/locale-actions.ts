'use server';
import { cookies } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { setUserLocale } from '@/lib/auth';
import { currentActor } from '@/lib/session';
import { isLocale, LOCALE_COOKIE } from '@/lib/i18n/shared';

/** Switches the UI language, remembers it in a cookie and, for a signed-in user, on their account (emails follow it). */
export async function setLocaleAction(locale: string): Promise<void> {
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax' });
  const actor = await currentActor();
  if (actor) await setUserLocale(await getDb(), actor, locale);
  revalidatePath('/', 'layout');
}
