import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getFormatter } from 'next-intl/server';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import { requireRole } from '@/lib/session';
import { getSettings } from '@/lib/settings';
import { localized, pageLocale } from '@/lib/i18n';
import { formatMoney } from '@/lib/money';
import { getOrderForManager } from '@/lib/quality';

/** The manager's view of one order, as every card of the page receives it. */
export type ManagerOrder = NonNullable<Awaited<ReturnType<typeof getOrderForManager>>>;

/** The order the page, its title and its cards show: loaded once per request (a 404 for a bad or unknown id). */
export const loadOrder = cache(async (id: string): Promise<ManagerOrder> => {
  const actor = await requireRole('manager', 'admin');
  const db = await getDb();
  return orNotFound(id, async () => (await getOrderForManager(db, actor, id)) ?? notFound());
});

/**
 * What every card needs besides its own data: the staff actor, the database, the settings and the formatting
 * in the company's time zone and the reader's language. Once per request, shared by the cards.
 */
export const cardContext = cache(async () => {
  const actor = await requireRole('manager', 'admin');
  const db = await getDb();
  const [settings, locale, format] = await Promise.all([getSettings(db), pageLocale(), getFormatter()]);
  const tz = settings.timeZone;
  return {
    actor,
    db,
    settings,
    locale,
    format,
    tz,
    money: (n: number, currency: string) => formatMoney(n, currency, locale),
    when: (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }),
    name: (x: { nameRu: string; nameEn: string }) => localized(x, locale),
  };
});

/** Who booked an order on the client's behalf (a phone booking), from its first event's data. */
export function bookedBy(data: Record<string, unknown>): { name: string; role: 'manager' | 'admin' } | null {
  const b = data.bookedBy as { name?: unknown; role?: unknown } | undefined;
  return b && typeof b.name === 'string' && (b.role === 'manager' || b.role === 'admin')
    ? { name: b.name, role: b.role }
    : null;
}
