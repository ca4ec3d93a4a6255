'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { setDisabledAction } from '@/app/admin/users/actions';
import { Button } from '@/components/ui/button';
import { useErrorText } from '@/components/ui/field';

export function DisableUserButton({ userId, disabled }: { userId: string; disabled: boolean }) {
  const t = useTranslations('admin');
  const errorText = useErrorText();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant={disabled ? 'secondary' : 'danger'}
        className="min-h-9 px-3 py-1"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await setDisabledAction({ userId, disabled: !disabled });
            setError(result.ok ? undefined : result.message);
          })
        }
      >
        {disabled ? t('enable') : t('disable')}
      </Button>
      {error ? <span className="text-sm text-rose-700">{errorText(error)}</span> : null}
    </span>
  );
}
