import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { ServiceForm } from '@/components/admin/service-form';
import { requireRole } from '@/lib/session';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('catalog', 'new');

export default async function NewServicePage() {
  await requireRole('admin');
  const t = await getTranslations('catalog');
  return (
    <>
      <PageTitle>{t('new')}</PageTitle>
      <Card>
        <ServiceForm />
      </Card>
    </>
  );
}
