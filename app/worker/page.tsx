import { getTranslations } from 'next-intl/server';
import { PageTitle, Placeholder } from '@/components/ui/card';
import { requireRole } from '@/lib/auth';

export default async function Page() {
  const actor = await requireRole('worker');
  const t = await getTranslations('portal');
  const tc = await getTranslations('common');
  return (
    <>
      <PageTitle>{t('worker.tasks')}</PageTitle>
      <p className="mb-4 text-slate-600">{t('welcome', { name: actor.name })}</p>
      <Placeholder>{tc('comingSoon')}</Placeholder>
    </>
  );
}
