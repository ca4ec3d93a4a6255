'use client';
import { useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { regenerateIcalAction } from '@/app/worker/actions';
import { Button } from '@/components/ui/button';

export function IcalLink({ token, baseUrl }: { token: string | null; baseUrl: string }) {
  const t = useTranslations('workers');
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <div className="space-y-3">
      {token ? (
        <code data-testid="ical-url" className="block break-all rounded-lg bg-slate-100 p-3 font-mono text-sm">
          {baseUrl}/api/workers/calendar/{token}
        </code>
      ) : (
        <p className="text-slate-600">{t('icalNone')}</p>
      )}
      <Button
        type="button"
        variant="secondary"
        className="w-full min-h-12"
        disabled={pending}
        onClick={() =>
          start(async () => {
            await regenerateIcalAction({});
            router.refresh();
          })
        }
      >
        {token ? t('icalRegenerate') : t('icalCreate')}
      </Button>
      {token ? <p className="text-xs text-slate-500">{t('icalHint')}</p> : null}
    </div>
  );
}
