export const locales = ['ru', 'en'] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = 'ru';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/**
 * Message namespaces, one JSON file per namespace and language in lib/i18n/messages/<locale>/.
 * A module adds its namespace here.
 */
export const namespaces = [
  'common',
  'errors',
  'auth',
  'home',
  'portal',
  'admin',
  'orders',
  'workers',
  'supplies',
  'catalog',
  'quality',
  'matching',
  'finance',
  'notifications',
  'billing',
  'settings',
  'plans',
  'security',
  'clients',
  'board',
] as const;

export function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.lang && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? defaultLocale;
}

/** A catalogue row's name (service, zone, supply, extra, form) in the reader's language. */
export function localized(x: { nameRu: string; nameEn: string }, locale: AppLocale): string {
  return locale === 'en' ? x.nameEn : x.nameRu;
}
