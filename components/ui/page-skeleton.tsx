import { useTranslations } from 'next-intl';

/**
 * What a page shows while its data loads (a route's loading.tsx): the heading's and the rows' outlines, and the
 * word "Loading…" for people and screen readers. Nothing in it is wider than the screen.
 *
 * Where a loading.tsx may go: the boundary sends the page's frame at once, with status 200, so a notFound() or
 * forbidden() thrown under it can no longer change the status. Only pages that never throw them get one (guarded
 * by exactly their layout's roles, no record looked up by id); a list with detail pages below it moves into a
 * route group, `orders/(list)/page.tsx`, so that its boundary does not cover `orders/[id]`.
 */
export function PageSkeleton({ rows = 4, tall = false }: { rows?: number; tall?: boolean }) {
  const t = useTranslations('common');
  return (
    <div role="status" aria-busy="true" aria-live="polite" className="space-y-4" data-testid="page-loading">
      <div aria-hidden="true" className="h-8 w-56 max-w-full rounded-lg bg-slate-200 motion-safe:animate-pulse" />
      <p className="text-sm text-slate-600">{t('loading')}</p>
      <ul aria-hidden="true" className="space-y-3">
        {Array.from({ length: rows }, (_, i) => (
          <li
            key={i}
            className={`${tall ? 'h-28' : 'h-16'} w-full rounded-xl border border-slate-200 bg-slate-100 motion-safe:animate-pulse`}
          />
        ))}
      </ul>
    </div>
  );
}

/** What a card of a page shows while its own data loads (a card under a Suspense boundary). */
export function CardSkeleton() {
  const t = useTranslations('common');
  return (
    <div
      role="status"
      aria-busy="true"
      className="h-32 rounded-xl border border-slate-200 bg-slate-100 p-4 text-sm text-slate-600 motion-safe:animate-pulse"
    >
      {t('loading')}
    </div>
  );
}
