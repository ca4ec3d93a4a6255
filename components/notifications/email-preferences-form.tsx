'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { useErrorText } from '@/components/ui/field';
import { setEmailPreferencesAction } from './actions';

/** Checkboxes for the emails a person may turn off; essential emails are not listed and always arrive. */
export function EmailPreferencesForm({ kinds }: { kinds: { kind: string; enabled: boolean }[] }) {
  const t = useTranslations('notifications');
  const errorText = useErrorText();
  const [enabled, setEnabled] = useState(() => Object.fromEntries(kinds.map((k) => [k.kind, k.enabled])));
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string }>();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await setEmailPreferencesAction({
            optOut: kinds.filter((k) => !enabled[k.kind]).map((k) => k.kind),
          });
          setResult(r.ok ? { ok: true } : { ok: false, message: r.message });
        });
      }}
    >
      <p className="text-sm text-slate-600">{t('prefsHint')}</p>
      {kinds.map((k) => (
        <label key={k.kind} className="flex min-h-11 items-center gap-3">
          <input
            type="checkbox"
            className="h-5 w-5"
            checked={enabled[k.kind]}
            onChange={(e) => setEnabled({ ...enabled, [k.kind]: e.target.checked })}
          />
          <span>{t.has(`kinds.${k.kind}`) ? t(`kinds.${k.kind}`) : k.kind}</span>
        </label>
      ))}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {t('prefsSave')}
        </Button>
        {result?.ok ? <span className="text-sm text-emerald-700">{t('prefsSaved')}</span> : null}
        {result && !result.ok ? <span className="text-sm text-rose-700">{errorText(result.message)}</span> : null}
      </div>
    </form>
  );
}
