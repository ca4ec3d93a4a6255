import type { ReactElement } from 'react';
// next-intl's translator core (next-intl re-exports it); its root entry pulls React hooks, which scripts run
// under the react-server condition (db:seed, the start hook) cannot load.
import { createTranslator } from 'use-intl/core';
import { z } from 'zod';

export type EmailLocale = 'ru' | 'en';
/** Who a kind is addressed to; managers' kinds go to every active manager and admin. */
export type Audience = 'client' | 'worker' | 'manager' | 'anyone';

/** What every template gets besides its data. */
export type EmailContext = {
  locale: EmailLocale;
  companyName: string;
  /** Public base URL without a trailing slash; links in emails are absolute. */
  appUrl: string;
  timeZone: string;
  recipientName: string;
};

/** A kind's strings: the same keys in both languages (TypeScript enforces it through `strings`). */
export type Strings = Record<string, string>;

export type EmailProps<D, M extends Strings> = { data: D; t: M; ctx: EmailContext };

/**
 * One notification kind: the shape of its data, whether people may turn it off, who receives it, its
 * strings in both languages, and its React Email component. Adding a kind is one file in emails/kinds/
 * plus its line in emails/registry.ts.
 */
export type KindDefinition<S extends z.ZodType = z.ZodType, M extends Strings = Strings> = {
  /** Essential kinds (assignments, invoices, money) ignore opt-outs. */
  essential: boolean;
  audience: Audience;
  schema: S;
  strings: { ru: M; en: M };
  subject: (data: z.output<S>, t: M, ctx: EmailContext) => string;
  Email: (props: EmailProps<z.output<S>, M>) => ReactElement;
  /** Sample data for the preview and the rendering test. */
  sample: z.input<S>;
  /**
   * Data fields that hold a secret (a sign-in link's token). Once the email has left for a real transport,
   * the dispatcher removes their values from the outbox row and its stored rendering.
   */
  secrets?: readonly (keyof z.output<S> & string)[];
};

export function defineKind<S extends z.ZodType, M extends Strings>(def: KindDefinition<S, M>): KindDefinition<S, M> {
  return def;
}

/** Replaces {name} placeholders; a missing value throws so a template can never show "{name}". */
export function fmt(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`Missing value for {${key}} in "${template}"`);
    return String(value);
  });
}

/**
 * Formats an ICU message with next-intl's translator in the letter's language, for the strings that print a
 * count with a noun: "{count, plural, one {# заказ} few {# заказа} many {# заказов} other {# заказа}}".
 * A missing value or a malformed message throws, as `fmt` does.
 */
export function icu(locale: EmailLocale, message: string, values: Record<string, string | number>): string {
  const t = createTranslator({
    locale,
    messages: { message },
    onError: (error) => {
      throw error;
    },
  });
  return t('message', values);
}

// Shared pieces of data schemas.
export const localized = z.object({ ru: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localized>;
export const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'Not a date-time');
export const money = z.number().int();

/** The order facts most order emails show. */
export const orderRef = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  service: localized,
  startsAt: isoInstant,
  address: z.string(),
  currency: z.string().length(3),
});
export type OrderRef = z.infer<typeof orderRef>;

export const priceLine = z.object({
  code: z.string(),
  labelRu: z.string(),
  labelEn: z.string(),
  quantity: z.number().optional(),
  unitPrice: z.number().optional(),
  amount: money,
});

export const sampleOrder: OrderRef = {
  id: '00000000-0000-4000-8000-000000000001',
  number: 'BR-2026-000123',
  service: { ru: 'Генеральная уборка', en: 'Deep cleaning' },
  startsAt: '2026-12-01T07:00:00.000Z',
  address: 'ул. Тверская, 7, кв. 12',
  currency: 'RUB',
};
