import { formatMoney } from '@/lib/money';
import type { EmailContext, Localized } from './define';

/**
 * Formatters made once per language and time zone: constructing an Intl.DateTimeFormat costs several times
 * more than formatting with it, and a run of 100 000 invoice emails formats three dates each.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(kind: 'when' | 'day', locale: EmailContext['locale'], timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${timeZone}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      locale === 'ru' ? 'ru-RU' : 'en-GB',
      kind === 'when'
        ? { timeZone, weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }
        : { timeZone, day: 'numeric', month: 'long', year: 'numeric' },
    );
    dateFormats.set(key, f);
  }
  return f;
}

export function when(iso: string, ctx: EmailContext): string {
  return dateFormat('when', ctx.locale, ctx.timeZone).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as the company reads it. */
export function day(date: string, ctx: EmailContext): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return dateFormat('day', ctx.locale, 'UTC').format(new Date(Date.UTC(y, m - 1, d)));
}

export function amount(minor: number, currency: string, ctx: EmailContext): string {
  return formatMoney(minor, currency, ctx.locale);
}

export function local(value: Localized, ctx: EmailContext): string {
  return value[ctx.locale];
}

export function link(path: string, ctx: EmailContext): string {
  return `${ctx.appUrl}${path.startsWith('/') ? path : `/${path}`}`;
}
