'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ErrorView, type ErrorBoundaryProps } from '@/components/errors/error-view';

/**
 * A page outside the portals failed (the home page, sign-in), or a portal's own frame did (its layout): no portal
 * frame to keep, so the page brings the brand itself.
 */
export default function RootError(props: ErrorBoundaryProps) {
  const t = useTranslations('common');
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-md items-center px-4 py-4">
        <Link href="/" className="text-lg font-bold text-emerald-800">
          {t('brand')}
        </Link>
      </header>
      <main className="mx-auto max-w-md px-4 pb-12">
        <ErrorView {...props} home="/" />
      </main>
    </div>
  );
}
