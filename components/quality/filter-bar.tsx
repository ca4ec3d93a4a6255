import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { FilterOption } from '@/lib/quality';

const control = 'min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-sm';

/** A GET form: the filters land in the URL, so any view can be shared as a link. */
export function FilterBar({
  values,
  options,
  hidden = {},
  show = { period: true, service: true, zone: true, worker: true, q: false },
  extra,
}: {
  values: { from?: string; to?: string; serviceId?: string; zoneId?: string; workerId?: string; q?: string };
  options: { services: FilterOption[]; zones: FilterOption[]; workers: FilterOption[] };
  hidden?: Record<string, string | undefined>;
  show?: { period?: boolean; service?: boolean; zone?: boolean; worker?: boolean; q?: boolean };
  extra?: ReactNode;
}) {
  const t = useTranslations('quality');
  const labels = {
    from: t('filters.from'),
    to: t('filters.to'),
    service: t('filters.service'),
    zone: t('filters.zone'),
    worker: t('filters.worker'),
    all: t('filters.all'),
    q: t('filters.q'),
    apply: t('filters.apply'),
  };
  const select = (name: string, label: string, value: string | undefined, list: FilterOption[]) => (
    <label className="flex flex-col gap-1 text-xs text-slate-600">
      {label}
      <select name={name} defaultValue={value ?? ''} className={control}>
        <option value="">{labels.all}</option>
        {list.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <form method="get" className="flex flex-wrap items-end gap-2" role="search">
      {Object.entries(hidden).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      {show.period ? (
        <>
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            {labels.from}
            <input type="date" name="from" defaultValue={values.from} className={control} />
          </label>
          <label className="flex flex-col gap-1 text-xs text-slate-600">
            {labels.to}
            <input type="date" name="to" defaultValue={values.to} className={control} />
          </label>
        </>
      ) : null}
      {show.service ? select('serviceId', labels.service, values.serviceId, options.services) : null}
      {show.zone ? select('zoneId', labels.zone, values.zoneId, options.zones) : null}
      {show.worker ? select('workerId', labels.worker, values.workerId, options.workers) : null}
      {show.q ? (
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          {labels.q}
          <input name="q" defaultValue={values.q} className={control} />
        </label>
      ) : null}
      {extra}
      <button className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium">
        {labels.apply}
      </button>
    </form>
  );
}
