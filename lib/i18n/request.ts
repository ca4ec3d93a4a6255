import { cache } from 'react';
import { getRequestConfig } from 'next-intl/server';
import { getDb } from '@/db';
import { getSettings } from '@/lib/settings';
import { requestLocale } from './locale';
import { loadMessages } from './messages';

// The company time zone is a setting (Europe/Moscow for the demo company); read once per request.
const companyTimeZone = cache(async () => (await getSettings(await getDb())).timeZone);

export default getRequestConfig(async () => {
  // The locale reads the request's cookies first, so nothing here runs at build time.
  const locale = await requestLocale();
  return { locale, messages: await loadMessages(locale), timeZone: await companyTimeZone() };
});
