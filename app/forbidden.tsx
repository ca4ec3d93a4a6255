import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('forbiddenTitle') };
}

export default async function Forbidden() {
  const t = await getTranslations('common');
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-md items-center px-4 py-4">
        <Link href="/" className="text-lg font-bold text-emerald-800">
          {t('brand')}
        </Link>
      </header>
      <main className="mx-auto max-w-md px-4 pb-12 text-center">
        <h1 className="text-2xl font-semibold">{t('forbiddenTitle')}</h1>
        <p className="mt-2 text-slate-600">{t('forbiddenText')}</p>
        <Link href="/" className={buttonClass('secondary', 'mt-6')}>
          {t('goHome')}
        </Link>
      </main>
    </div>
  );
}
