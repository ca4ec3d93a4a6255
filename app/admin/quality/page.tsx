import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listQualityForms } from '@/lib/quality';
import { localized, pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('quality', 'hub.title');

export default async function QualityPage() {
  const actor = await requireRole('manager', 'admin');
  const forms = await listQualityForms(await getDb(), actor, { includeArchived: actor.role === 'admin' });
  const t = await getTranslations('quality');
  const locale = await pageLocale();
  return (
    <div className="space-y-4">
      <PageTitle>{t('hub.title')}</PageTitle>
      <div className="grid gap-3 sm:grid-cols-2">
        <Link
          href="/admin/quality/analysis"
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-emerald-600"
        >
          <p className="font-semibold">{t('analysis.title')}</p>
          <p className="text-sm text-slate-600">{t('hub.analysisHint')}</p>
        </Link>
        <Link
          href="/admin/quality/workers"
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm hover:border-emerald-600"
        >
          <p className="font-semibold">{t('performance.title')}</p>
          <p className="text-sm text-slate-600">{t('hub.performanceHint')}</p>
        </Link>
      </div>
      <Card
        title={
          <span className="flex flex-wrap items-center justify-between gap-2">
            {t('forms.title')}
            {actor.role === 'admin' ? (
              <Link href="/admin/quality/forms/new" className={buttonClass('secondary')}>
                {t('forms.new')}
              </Link>
            ) : null}
          </span>
        }
      >
        {forms.length === 0 ? <p className="text-slate-500">{t('forms.empty')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {forms.map((f) => (
            <li key={f.id} className="py-2 text-sm" data-testid={`quality-form-${f.nameEn}`}>
              {actor.role === 'admin' ? (
                <Link href={`/admin/quality/forms/${f.id}`} className="font-medium text-emerald-900 underline">
                  {localized(f, locale)}
                </Link>
              ) : (
                <span className="font-medium">{localized(f, locale)}</span>
              )}
              <span className="text-slate-500">
                {' · '}
                {f.purpose === 'follow_up'
                  ? t('builder.purposes.follow_up')
                  : `${t('builder.purposes.service')}: ${f.serviceId ? (locale === 'en' ? f.serviceNameEn : f.serviceNameRu) : t('builder.anyService')}`}{' '}
                · {t('forms.questionCount', { count: f.questions.length })}
                {f.archived ? ` · ${t('forms.archived')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
