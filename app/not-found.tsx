import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { BareFrame } from '@/components/errors/bare-frame';
import { NotFoundView } from '@/components/errors/not-found-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('notFoundTitle') };
}

/** An unknown address, or a page outside the portals that called notFound(): no portal frame, so the brand here. */
export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <BareFrame brand={t('brand')}>
      <NotFoundView home="/" />
    </BareFrame>
  );
}
