import { namespaces, type AppLocale } from './config';

export type Messages = Record<string, Record<string, unknown>>;

export async function loadMessages(locale: AppLocale): Promise<Messages> {
  const entries = await Promise.all(
    namespaces.map(
      async (ns) => [ns, (await import(`./messages/${locale}/${ns}.json`)).default as Record<string, unknown>] as const,
    ),
  );
  return Object.fromEntries(entries);
}
