import 'server-only';
import type { Db } from '@/db';
import type { Actor } from '@/lib/actor';
import type { Page } from '@/lib/paging';
import { getSettings } from '@/lib/settings';
import { toDateString } from '@/lib/time';
import { dimensions, groupBy, totals, type Dimension, type Group } from './analytics';
import { analysisCube, analysisOrders, type DrillOrder } from './analytics-queries';
import { filterOptions } from './options';
import { one, periodParam, uuidParam, type SearchParams } from './period';

export type AnalysisView = {
  filter: {
    from: string;
    to: string;
    serviceId?: string;
    zoneId?: string;
    workerId?: string;
    basis: 'scheduled' | 'happened';
  };
  dim: Dimension;
  key?: string;
  groups: (Group & { label: string })[];
  total: Group;
  /** One page of the orders behind the chosen group (`key`), with the group's count; null with no group chosen. */
  drill: Page<DrillOrder> | null;
  options: Awaited<ReturnType<typeof filterOptions>>;
};

/** Everything the analysis page and its CSV export show, read from the URL. */
export async function analysisView(
  db: Db,
  actor: Actor,
  sp: SearchParams,
  locale: 'ru' | 'en',
  reason: (status: string, code: string) => string,
  now = new Date(),
): Promise<AnalysisView> {
  const { timeZone } = await getSettings(db);
  const period = periodParam(sp, toDateString(now, timeZone), 30);
  const filter = {
    ...period,
    serviceId: uuidParam(sp, 'serviceId'),
    zoneId: uuidParam(sp, 'zoneId'),
    workerId: uuidParam(sp, 'workerId'),
    basis: one(sp, 'basis') === 'happened' ? ('happened' as const) : ('scheduled' as const),
  };
  const d = one(sp, 'dim');
  const dim: Dimension = (dimensions as readonly string[]).includes(d ?? '') ? (d as Dimension) : 'reason';
  const key = one(sp, 'key')?.slice(0, 120);
  const [cube, options] = await Promise.all([analysisCube(db, actor, filter), filterOptions(db, actor, locale)]);
  const names = new Map([...options.services, ...options.zones, ...options.workers].map((o) => [o.id, o.label]));
  const label = (k: string) => {
    if (dim === 'reason') {
      const [status, ...rest] = k.split(':');
      return reason(status, rest.join(':'));
    }
    if (dim === 'week') return k;
    return names.get(k) ?? k;
  };
  const groups = groupBy(cube, dim).map((g) => ({ ...g, label: label(g.key) }));
  const drill = key ? await analysisOrders(db, actor, { ...filter, dim, key }, { cursor: one(sp, 'cursor') }) : null;
  return { filter, dim, key, groups, total: totals(cube), drill, options };
}
