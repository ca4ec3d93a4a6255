import { getLocale, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { FormBuilder } from '@/components/quality/form-builder';
import { getDb } from '@/db';
import { requireRole } from '@/lib/auth';
import { filterOptions } from '@/lib/quality';

export default async function NewQualityFormPage() {
  const actor = await requireRole('admin');
  const locale = (await getLocale()) === 'en' ? 'en' : 'ru';
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
