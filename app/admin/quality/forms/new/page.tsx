import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { FormBuilder } from '@/components/quality/form-builder';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { filterOptions } from '@/lib/quality';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'forms.new');

export default async function NewQualityFormPage() {
  const actor = await requireRole('admin');
  const locale = await pageLocale();
  const { services } = await filterOptions(await getDb(), actor, locale);
  const t = await getTranslations('quality');
  return (
    <>
      <PageTitle>{t('forms.new')}</PageTitle>
      <Card>
        <FormBuilder services={services} />
      </Card>
    </>
  );
}
