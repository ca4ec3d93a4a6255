import 'server-only';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

/**
 * A page's `generateMetadata` whose title is the words of a message (usually the page's own heading), in the
 * reader's language, with any other metadata in `rest`. The root layout's template adds the brand: "Мои заказы — Бригада".
 */
export function titleFrom(namespace: string, key: string, rest: Metadata = {}): () => Promise<Metadata> {
  return async () => {
    const t = await getTranslations(namespace);
    return { ...rest, title: t(key) };
  };
}
