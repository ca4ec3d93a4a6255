import { useTranslations } from 'next-intl';
import { PAGE_SIZES } from '@/lib/paging';

/** One control of a list's filter form; its value comes from the URL and goes back there on submit. */
export type ListFilter =
  | { kind: 'text'; name: string; label: string; value?: string; wide?: boolean }
  | { kind: 'date'; name: string; label: string; value?: string }
  | {
      kind: 'select';
      name: string;
      label: string;
      value?: string;
      /** The "any" choice's label; without it the select has no empty choice. */
      all?: string;
      options: readonly { value: string; label: string }[];
    };

const control = 'min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-sm';

/** "Per page": how many rows a page of the list shows (the URL's `size`). */
export function PageSizeSelect({ value }: { value: number }) {
  const t = useTranslations('common.paging');
  return (
    <label className="flex flex-col gap-1 text-xs text-slate-600">
      {t('perPage')}
      <select name="size" defaultValue={String(value)} className={control}>
        {PAGE_SIZES.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The filter form of a paged list: a GET form, so the filters land in the URL (shareable, and kept by the
 * pager's links). Submitting drops the cursor, so a new filter starts at page 1. `hidden` carries filters set
 * elsewhere on the page (a status tab) through a new search.
 */
export function ListFilters({
  fields,
  hidden = {},
  apply,
  pageSize,
}: {
  fields: readonly ListFilter[];
  hidden?: Record<string, string | undefined>;
  apply?: string;
  /** The page size in use, for lists that let it be chosen. */
  pageSize?: number;
}) {
  const t = useTranslations('common.paging');
  return (
    <form method="get" className="flex flex-wrap items-end gap-2" role="search">
      {fields.map((f) => (
        <label
          key={f.name}
          className={`flex flex-col gap-1 text-xs text-slate-600 ${f.kind === 'text' && f.wide ? 'min-w-0 flex-1 basis-48' : ''}`}
        >
          {f.label}
          {f.kind === 'select' ? (
            <select name={f.name} defaultValue={f.value ?? ''} className={control}>
              {f.all !== undefined ? <option value="">{f.all}</option> : null}
              {f.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              type={f.kind === 'date' ? 'date' : 'search'}
              name={f.name}
              defaultValue={f.value}
              className={control}
            />
          )}
        </label>
      ))}
      {pageSize ? <PageSizeSelect value={pageSize} /> : null}
      {Object.entries(hidden).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <button className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium">
        {apply ?? t('apply')}
      </button>
    </form>
  );
}
