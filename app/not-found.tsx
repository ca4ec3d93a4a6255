import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NotFoundView } from '@/components/errors/not-found-view';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('notFoundTitle') };
}

/** An unknown address, or a page outside the portals that called notFound(): no portal frame, so the brand here. */
export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-md items-center px-4 py-4">
        <Link href="/" className="text-lg font-bold text-emerald-800">
          {t('brand')}
        </Link>
      </header>
      <main className="mx-auto max-w-md px-4 pb-12">
        <NotFoundView home="/" />
      </main>
    </div>
  );
}
