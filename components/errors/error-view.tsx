'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/button';

/** What Next hands an error boundary (error.tsx, global-error.tsx). */
export type ErrorBoundaryProps = {
  error: Error & { digest?: string };
  reset: () => void;
  /** Refreshes the server render, then resets the boundary (what "try again" needs after a server error). */
  retry?: () => void;
};

/**
 * The body of a portal's error page. The digest is the reference support searches the server log for: Next logs
 * the real error under it and never sends the message to the browser in production.
 */
export function ErrorView({ error, reset, retry, home }: ErrorBoundaryProps & { home: string }) {
  const t = useTranslations('common');
  return (
    <section className="mx-auto max-w-md py-12 text-center" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title" className="text-2xl font-semibold text-slate-900">
        {t('errorTitle')}
      </h1>
      <p className="mt-2 text-slate-600">{t('errorText')}</p>
      {error.digest ? (
        <p className="mt-4 text-sm text-slate-700">
          {t('errorReference')}:{' '}
          <code className="rounded bg-slate-100 px-2 py-1 font-mono break-all select-all" data-testid="error-reference">
            {error.digest}
          </code>
        </p>
      ) : null}
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <button type="button" onClick={retry ?? reset} className={buttonClass('primary')}>
          {t('tryAgain')}
        </button>
        <Link href={home} className={buttonClass('secondary')}>
          {t('goHome')}
        </Link>
      </div>
    </section>
  );
}
