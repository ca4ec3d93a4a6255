import 'server-only';
// lib/i18n: the two languages: the request's locale, messages, and the words for reason codes.
export * from './shared';
export { requestLocale, pageLocale } from './locale';
export { titleFrom } from './metadata';
