import { getRequestConfig } from 'next-intl/server';
import { requestLocale } from './locale';
import { loadMessages } from './messages';

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  // Dates are shown in the company time zone (Europe/Moscow for the demo company).
  return { locale, messages: await loadMessages(locale), timeZone: process.env.COMPANY_TIME_ZONE ?? 'Europe/Moscow' };
});
