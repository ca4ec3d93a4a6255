// How a rule-based fine reads to people (pages and the worker's email), in their language.
const failReasons: Record<'ru' | 'en', Record<string, string>> = {
  ru: {
    no_show: 'Неявка на заказ',
    poor_quality: 'Плохое качество',
    damage: 'Порча имущества',
    client_unreachable: 'Клиент недоступен',
    other: 'Заказ не выполнен',
  },
  en: {
    no_show: 'No-show',
    poor_quality: 'Quality failure',
    damage: 'Damage',
    client_unreachable: 'Client unreachable',
    other: 'Order failed',
  },
};

export function ruleText(ruleCode: string, value: number | null, locale: 'ru' | 'en'): string {
  // One decimal at most, with the language's decimal mark.
  const n = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1 }).format(value ?? 0);
  if (ruleCode === 'lateness') return locale === 'ru' ? `Опоздание на ${n} мин` : `Late start by ${n} min`;
  if (ruleCode === 'late_decline')
    return locale === 'ru' ? `Отказ за ${n} ч до начала` : `Declined ${n} h before the start`;
  if (ruleCode.startsWith('fail:')) {
    const code = ruleCode.slice(5);
    return failReasons[locale][code] ?? failReasons[locale].other;
  }
  return ruleCode;
}
