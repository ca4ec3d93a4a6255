import ru from './messages/ru/quality.json';
import en from './messages/en/quality.json';

// Reason codes (failure, cancellation, decline and system reasons) said in words, for pages and emails
// alike, from the translated list in quality.json. A reason typed by a person passes through unchanged; an
// unknown snake_case code is not shown at all rather than shown raw.
const tables: Record<'ru' | 'en', Record<string, string>> = { ru: ru.reasons, en: en.reasons };

const CODE = /^[a-z]+(_[a-z]+)+$/;

export function reasonWords(reason: string | null | undefined, locale: 'ru' | 'en'): string | null {
  if (!reason) return null;
  const words = tables[locale][reason];
  if (words) return words;
  return CODE.test(reason) ? null : reason;
}
