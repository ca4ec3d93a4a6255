'use client';

import { useTranslations } from 'next-intl';
import { BareFrame } from '@/components/errors/bare-frame';
import { ErrorView, type ErrorBoundaryProps } from '@/components/errors/error-view';

/**
 * A page outside the portals failed (the home page, sign-in), or a portal's own frame did (its layout): no portal
 * frame to keep, so the page brings the brand itself.
 */
export default function RootError(props: ErrorBoundaryProps) {
  const t = useTranslations('common');
  return (
    <BareFrame brand={t('brand')}>
      <ErrorView {...props} home="/" />
    </BareFrame>
  );
}
