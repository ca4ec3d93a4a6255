'use client';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { regenerateIcalAction } from '@/app/worker/actions';
import { Button } from '@/components/ui/button';

/**
 * The worker's private calendar link. Only its hash is stored, so the full URL is shown once, right after it
 * is made; later the page can only offer a new one (which revokes the old).
 */
export function IcalLink({ exists, baseUrl }: { exists: boolean; baseUrl: string }) {
  const t = useTranslations('workers');
  const te = useTranslations('errors');
  const [token, setToken] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, start] = useTransition();
  const made = token !== null || exists;
  return (
    <div className="space-y-3">
      {token ? (
        <>
          <code data-testid="ical-url" className="block break-all rounded-lg bg-slate-100 p-3 font-mono text-sm">
            {baseUrl}/api/workers/calendar/{token}
          </code>
          <p className="text-sm font-medium text-amber-800" role="status">
            {t('icalCopyNow')}
          </p>
        </>
      ) : (
        <p className="text-slate-600">{exists ? t('icalExists') : t('icalNone')}</p>
      )}
      {failed ? (
        <p role="alert" className="text-sm text-red-700">
          {te('generic')}
        </p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        className="w-full min-h-12"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await regenerateIcalAction({});
            setFailed(!result.ok);
            if (result.ok) setToken(result.data?.token ?? null);
          })
        }
      >
        {made ? t('icalRegenerate') : t('icalCreate')}
      </Button>
      {made ? <p className="text-xs text-slate-500">{t('icalHint')}</p> : null}
    </div>
  );
}
