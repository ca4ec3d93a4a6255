'use client';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { archiveQualityFormAction } from '@/app/admin/quality/actions';
import { Button } from '@/components/ui/button';
import { useErrorText } from '@/components/ui/field';

export function ArchiveFormButton({ id, archived }: { id: string; archived: boolean }) {
  const t = useTranslations('quality');
  const errorText = useErrorText();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant={archived ? 'secondary' : 'danger'}
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await archiveQualityFormAction({ id, archived: !archived });
            setError(result.ok ? undefined : result.message);
          })
        }
      >
        {archived ? t('forms.restore') : t('forms.archive')}
      </Button>
      {error ? <span className="text-sm text-rose-700">{errorText(error)}</span> : null}
    </span>
  );
}
