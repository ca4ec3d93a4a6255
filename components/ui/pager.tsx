import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { withParams } from '@/lib/quality/shared';

/**
 * The foot of a keyset-paged list: how many rows match ("more than N" where counting further would be slow)
 * and the links to the next page and back to the first. `href(cursor)` keeps the list's filters in the URL.
 */
export async function Pager({
  total,
  capped,
  next,
  atStart,
  href,
  label,
}: {
  total: number;
  capped: boolean;
  next: string | null;
  atStart: boolean;
  href: (cursor: string | null) => string;
  /** The navigation's name where a page has more than one pager. */
  label?: string;
}) {
  const t = await getTranslations('common.paging');
  const format = await getFormatter();
  return (
    <nav className="flex flex-wrap items-center justify-between gap-3 text-sm" aria-label={label ?? t('label')}>
      <p className="text-slate-600" data-testid="pager-total">
        {capped ? t('more', { count: format.number(total) }) : t('total', { count: format.number(total) })}
      </p>
      <div className="flex gap-3">
        {!atStart ? (
          <Link className="inline-flex min-h-11 items-center text-emerald-800 underline" href={href(null)}>
            {t('first')}
          </Link>
        ) : null}
        {next ? (
          <Link className="inline-flex min-h-11 items-center text-emerald-800 underline" href={href(next)} rel="next">
            {t('next')}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

type Params = Record<string, string | string[] | undefined>;

/**
 * The foot of a paged list page: the pager under a rule, its links keeping the filters in `params`, and,
 * where the list has one, the CSV export of the whole filtered set (the same filters, no cursor).
 * `cursorParam` names the cursor in the URL where a page has two paged lists.
 */
export async function ListPager({
  page,
  path,
  params,
  exportPath,
  cursorParam = 'cursor',
}: {
  page: { total: number; capped: boolean; next: string | null };
  path: string;
  params: Params;
  exportPath?: string;
  cursorParam?: string;
}) {
  const t = await getTranslations('common.paging');
  const format = await getFormatter();
  const cursor = params[cursorParam];
  return (
    <div className="mt-3 space-y-2 border-t border-slate-100 pt-3">
      <Pager
        total={page.total}
        capped={page.capped}
        next={page.next}
        atStart={!cursor}
        href={(c) => `${path}${withParams(params, { [cursorParam]: c ?? '' })}`}
      />
      {exportPath && page.total > 0 ? (
        <a
          className="inline-flex min-h-11 items-center text-sm text-emerald-800 underline"
          href={`${exportPath}${withParams(params, { cursor: '' })}`}
          download
          data-testid="list-export"
        >
          {page.capped ? t('exportMore') : t('export', { count: format.number(page.total) })}
        </a>
      ) : null}
    </div>
  );
}
