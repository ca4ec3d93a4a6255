// lib/orders' client-safe face: pure rules and types that pages, the browser and other modules may import.
import type { ChecklistItem, ServiceExtra } from '@/db/schema/catalog';

/** What the client bought, as the worker needs to know it at the door: the size and the extras. */
export type OrderScope = {
  areaM2?: number;
  rooms?: number;
  bathrooms?: number;
  hours?: number;
  extras: { code: string; ru: string; en: string }[];
};

const positive = (v: unknown): number | undefined => (typeof v === 'number' && v > 0 ? v : undefined);

/** The order's stored options read against its service's extras (names in both languages). */
export function orderScope(options: Record<string, unknown>, serviceExtras: ServiceExtra[]): OrderScope {
  const chosen = Array.isArray(options.extras) ? options.extras.filter((c): c is string => typeof c === 'string') : [];
  return {
    areaM2: positive(options.areaM2),
    rooms: positive(options.rooms),
    bathrooms: positive(options.bathrooms),
    hours: positive(options.hours),
    extras: serviceExtras
      .filter((e) => chosen.includes(e.code))
      .map((e) => ({ code: e.code, ru: e.nameRu, en: e.nameEn })),
  };
}

/** The service's checklist plus one item per extra bought, so finishing confirms the extras were done too. */
export function scopeChecklist(checklist: ChecklistItem[], scope: OrderScope): ChecklistItem[] {
  return [...checklist, ...scope.extras.map((e) => ({ code: `extra:${e.code}`, ru: e.ru, en: e.en }))];
}
