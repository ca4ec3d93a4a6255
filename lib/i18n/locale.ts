import 'server-only';
import { cookies, headers } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { isLocale, localeFromAcceptLanguage, LOCALE_COOKIE, type AppLocale } from './config';

/** The chosen language: the remembered cookie first, then the browser's Accept-Language. */
export async function requestLocale(): Promise<AppLocale> {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
}

/** The UI language of the page being rendered (next-intl's, narrowed to the two the app speaks). */
export async function pageLocale(): Promise<AppLocale> {
  return (await getLocale()) === 'en' ? 'en' : 'ru';
}
