import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

/** The body of a 404 page: nothing here, or not yours (modules answer both alike), and the way back. */
export async function NotFoundView({ home }: { home: string }) {
  const t = await getTranslations('common');
  return (
    <section className="mx-auto max-w-md py-12 text-center" aria-labelledby="not-found-title" data-testid="not-found">
      <h1 id="not-found-title" className="text-2xl font-semibold text-slate-900">
        {t('notFoundTitle')}
      </h1>
      <p className="mt-2 text-slate-600">{t('notFoundText')}</p>
      <Link href={home} className={buttonClass('secondary', 'mt-6')}>
        {t('goHome')}
      </Link>
    </section>
  );
}
