import { notFound } from 'next/navigation';
import { demoMode } from '@/lib/env';

export const dynamic = 'force-dynamic';
export const metadata = { robots: { index: false } };

/**
 * Fails on purpose, so the error page (with its reference for support) can be seen and tested. Demo mode only:
 * anywhere else this address does not exist.
 */
export default function ForcedErrorPage(): never {
  if (!demoMode()) notFound();
  throw new Error('Forced error: /dev/error fails on purpose (demo mode only)');
}
