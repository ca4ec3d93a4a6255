import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { FormBuilder } from '@/components/quality/form-builder';
import { ArchiveFormButton } from '@/components/quality/archive-form-button';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { orNotFound } from '@/lib/page';
import { filterOptions, getQualityForm, optionsToText } from '@/lib/quality';
import { localized, pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'forms.title');

export default async function EditQualityFormPage({ params }: PageProps<'/admin/quality/forms/[id]'>) {
  const actor = await requireRole('admin');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const db = await getDb();
  const form = await orNotFound(id, () => getQualityForm(db, actor, id));
  const locale = await pageLocale();
  const { services } = await filterOptions(db, actor, locale);
  const t = await getTranslations('quality');
  return (
    <>
      <PageTitle actions={<ArchiveFormButton id={form.id} archived={form.archived} />}>
        {localized(form, locale)}
      </PageTitle>
      <p className="mb-3 text-sm text-slate-600">{t('builder.editNote')}</p>
      <Card>
        <FormBuilder
          id={form.id}
          services={services}
          defaults={{
            nameRu: form.nameRu,
            nameEn: form.nameEn,
            purpose: form.purpose,
            serviceId: form.serviceId ?? '',
            questions: form.questions.map((q) => ({
              code: q.code,
              kind: q.kind,
              ru: q.ru,
              en: q.en,
              required: q.required,
              optionsText: optionsToText(q.options),
            })),
          }}
        />
      </Card>
    </>
  );
}
