import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { FillQualityForm } from '@/components/quality/fill-form';
import { localized } from '@/lib/i18n';
import { formsForOrder, responsesForOrder } from '@/lib/quality';
import { cardContext, type ManagerOrder } from '../context';

type Response = Awaited<ReturnType<typeof responsesForOrder>>[number];

/** One filled quality-check form: its score, who filled it and when, and each answer as the reader reads it. */
async function FilledForm({ r }: { r: Response }) {
  const [{ locale, format, when }, t] = await Promise.all([cardContext(), getTranslations('quality')]);
  const shown = (q: Response['questions'][number]) => {
    const a = r.answers[q.code];
    if (a === null || a === undefined) return '—';
    if (a === true) return t('forms.yes');
    if (a === false) return t('forms.no');
    return q.kind === 'choice' ? (q.options?.find((o) => o.code === a)?.[locale] ?? String(a)) : String(a);
  };
  return (
    <li className="rounded-lg border border-slate-200 p-2">
      <p className="font-medium">
        {locale === 'en' ? r.formNameEn : r.formNameRu} ·{' '}
        {r.scoreBp === null
          ? t('forms.noScore')
          : t('forms.score', { score: format.number(r.scoreBp / 100, { maximumFractionDigits: 1 }) })}{' '}
        · {when(r.at)} · {r.filledByName}
      </p>
      <ul className="text-slate-700">
        {r.questions.map((q) => (
          <li key={q.code}>
            {locale === 'en' ? q.en : q.ru}: {shown(q)}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The quality-check forms filled for this order, and the form to fill one of those that apply. */
export async function QualityFormsCard({ order }: { order: ManagerOrder }) {
  const { actor, db, locale } = await cardContext();
  const [forms, responses, t] = await Promise.all([
    formsForOrder(db, actor, order.id),
    responsesForOrder(db, actor, order.id),
    getTranslations('quality'),
  ]);
  return (
    <Card title={t('forms.titleForOrder')}>
      <ul className="mb-4 space-y-2 text-sm" data-testid="quality-responses">
        {responses.map((r) => (
          <FilledForm key={r.id} r={r} />
        ))}
      </ul>
      <FillQualityForm
        orderId={order.id}
        forms={forms.map((f) => ({ id: f.id, name: localized(f, locale), questions: f.questions }))}
      />
    </Card>
  );
}
