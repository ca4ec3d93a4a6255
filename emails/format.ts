import { formatMoney } from '@/lib/money';
import type { EmailContext, Localized } from './define';

export function when(iso: string, ctx: EmailContext): string {
  return new Intl.DateTimeFormat(ctx.locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: ctx.timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as the company reads it. */
export function day(date: string, ctx: EmailContext): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(ctx.locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
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
