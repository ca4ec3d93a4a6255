'use client';
import { useTranslations } from 'next-intl';
import { archiveQualityFormAction } from '@/app/admin/quality/actions';
import { ActionButton } from '@/components/ui/action-button';

export function ArchiveFormButton({ id, archived }: { id: string; archived: boolean }) {
  const t = useTranslations('quality');
  return (
    <ActionButton
      variant={archived ? 'secondary' : 'danger'}
      run={() => archiveQualityFormAction({ id, archived: !archived })}
    >
      {archived ? t('forms.restore') : t('forms.archive')}
    </ActionButton>
  );
}
