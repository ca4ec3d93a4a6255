import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { BareFrame } from '@/components/errors/bare-frame';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('forbiddenTitle') };
}

export default async function Forbidden() {
  const t = await getTranslations('common');
  return (
    <BareFrame brand={t('brand')} center>
      <h1 className="text-2xl font-semibold">{t('forbiddenTitle')}</h1>
      <p className="mt-2 text-slate-600">{t('forbiddenText')}</p>
      <Link href="/" className={buttonClass('secondary', 'mt-6')}>
        {t('goHome')}
      </Link>
    </BareFrame>
  );
}
