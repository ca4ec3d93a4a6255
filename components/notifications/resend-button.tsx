'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { resendAction } from '@/app/admin/outbox/actions';
import { Button } from '@/components/ui/button';
import { useErrorText } from '@/components/ui/field';

export function ResendButton({ id }: { id: string }) {
  const t = useTranslations('notifications');
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<{ ok: boolean; message?: string }>();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await resendAction({ id });
            setResult(r.ok ? { ok: true } : { ok: false, message: r.message });
            if (r.ok) router.refresh();
          })
        }
      >
        {t('resend')}
      </Button>
      {result?.ok ? <span className="text-sm text-emerald-700">{t('resent')}</span> : null}
      {result && !result.ok ? <span className="text-sm text-rose-700">{errorText(result.message)}</span> : null}
    </span>
  );
}
