'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { fillFormAction } from '@/app/admin/orders/actions';
import type { QualityQuestion } from '@/db/schema/quality';
import { Button } from '@/components/ui/button';
import { FormMessage, useErrorText } from '@/components/ui/field';

type FormChoice = { id: string; name: string; questions: QualityQuestion[] };

/** A manager picks a quality form and answers it for the order; the server checks and scores the answers. */
export function FillQualityForm({ orderId, forms }: { orderId: string; forms: FormChoice[] }) {
  const t = useTranslations('quality');
  const format = useFormatter();
  const locale = useLocale();
  const errorText = useErrorText();
  const router = useRouter();
  const [formId, setFormId] = useState(forms[0]?.id ?? '');
  const [answers, setAnswers] = useState<Record<string, string | number | boolean | null>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const form = forms.find((f) => f.id === formId);
  if (forms.length === 0) return <p className="text-sm text-slate-500">{t('forms.noneForOrder')}</p>;
  const set = (code: string, v: string | number | boolean | null) => setAnswers((a) => ({ ...a, [code]: v }));
  const label = (q: { ru: string; en: string }) => (locale === 'en' ? q.en : q.ru);

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!form) return;
        setBusy(true);
        setMessage(undefined);
        setDone(undefined);
        const result = await fillFormAction({ orderId, formId: form.id, answers });
        setBusy(false);
        if (!result.ok) {
          setFieldErrors(
            Object.fromEntries(Object.entries(result.fields).map(([k, v]) => [k.replace(/^answers\./, ''), v])),
          );
          return setMessage(result.message);
        }
        setFieldErrors({});
        setAnswers({});
        const score = result.data?.scoreBp;
        setDone(
          score === null || score === undefined
            ? t('forms.savedNoScore')
            : t('forms.saved', { score: format.number(score / 100, { maximumFractionDigits: 1 }) }),
        );
        router.refresh();
      }}
    >
      <label className="block space-y-1 text-sm font-medium">
        <span>{t('forms.choose')}</span>
        <select
          className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3"
          value={formId}
          onChange={(e) => (setFormId(e.target.value), setAnswers({}), setFieldErrors({}))}
        >
          {forms.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </label>
      {form?.questions.map((q) => (
        <fieldset key={q.code} className="space-y-1" data-testid={`question-${q.code}`}>
          <legend className="text-sm font-medium">
            {label(q)}
            {q.required ? <span className="text-rose-700"> *</span> : null}
          </legend>
          {q.kind === 'yes_no' ? (
            <div className="flex gap-4">
              {[true, false].map((v) => (
                <label key={String(v)} className="flex min-h-11 items-center gap-2">
                  <input type="radio" name={q.code} checked={answers[q.code] === v} onChange={() => set(q.code, v)} />
                  {v ? t('forms.yes') : t('forms.no')}
                </label>
              ))}
            </div>
          ) : q.kind === 'score' ? (
            <div className="flex flex-wrap gap-3">
              {[1, 2, 3, 4, 5].map((v) => (
                <label key={v} className="flex min-h-11 items-center gap-1">
                  <input type="radio" name={q.code} checked={answers[q.code] === v} onChange={() => set(q.code, v)} />
                  {v}
                </label>
              ))}
            </div>
          ) : q.kind === 'choice' ? (
            <select
              aria-label={label(q)}
              className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3"
              value={String(answers[q.code] ?? '')}
              onChange={(e) => set(q.code, e.target.value || null)}
            >
              <option value="">—</option>
              {q.options?.map((o) => (
                <option key={o.code} value={o.code}>
                  {label(o)}
                </option>
              ))}
            </select>
          ) : (
            <textarea
              aria-label={label(q)}
              rows={2}
              className="block w-full rounded-lg border border-slate-300 px-3 py-2"
              value={String(answers[q.code] ?? '')}
              onChange={(e) => set(q.code, e.target.value)}
            />
          )}
          {fieldErrors[q.code] ? <p className="text-sm text-rose-700">{errorText(fieldErrors[q.code])}</p> : null}
        </fieldset>
      ))}
      <FormMessage message={message} />
      <FormMessage tone="success" message={done} />
      <Button type="submit" disabled={busy}>
        {t('forms.submit')}
      </Button>
    </form>
  );
}
