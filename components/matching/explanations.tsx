import { getFormatter, getTranslations } from 'next-intl/server';
import { explanationSentence, type ExplanationDto, type Translate } from '@/lib/matching';

/** Why the order got its worker(s), newest first: the chosen worker's facts and the runners-up. */
export async function Explanations({ items }: { items: ExplanationDto[] }) {
  const t = await getTranslations('matching');
  const format = await getFormatter();
  if (items.length === 0) return <p className="text-sm text-slate-500">{t('noExplanation')}</p>;
  const translate = t as unknown as Translate;
  return (
    <ol className="space-y-3" data-testid="match-explanations">
      {items.map((e) => (
        <li key={e.id} className="rounded-lg bg-slate-50 p-3 text-sm">
          <p className="text-xs text-slate-500">
            {format.dateTime(e.at, { dateStyle: 'medium', timeStyle: 'short' })} · {t(`kind.${e.kind}`)}
            {e.actorName ? ` · ${t('manualBy', { name: e.actorName })}` : ''}
          </p>
          <p className="mt-1 text-slate-900" data-testid="match-explanation">
            {e.terms
              ? explanationSentence(
                  translate,
                  { name: e.workerName, terms: e.terms },
                  e.runnersUp.map((r) => ({ name: r.workerName, terms: r.terms })),
                )
              : e.workerName}
          </p>
          {e.overrideReason ? (
            <p className="mt-1 text-amber-800">
              {t('overrideNote', {
                rules: e.overriddenRules.map((r) => t(`reasons.${r}`)).join(', ') || '—',
                reason: e.overrideReason,
              })}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
