'use client';

import { ErrorView, type ErrorBoundaryProps } from '@/components/errors/error-view';

/** A page of this portal failed: the portal's frame stays, the page says so with a reference for support. */
export default function PortalError(props: ErrorBoundaryProps) {
  return <ErrorView {...props} home="/admin" />;
}
