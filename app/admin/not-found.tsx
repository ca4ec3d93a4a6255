import type { Metadata } from 'next';
import { NotFoundView } from '@/components/errors/not-found-view';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata: () => Promise<Metadata> = titleFrom('common', 'notFoundTitle');

/** A page of this portal found nothing, or nothing of the user's: the portal's frame stays. */
export default function PortalNotFound() {
  return <NotFoundView home="/admin" />;
}
