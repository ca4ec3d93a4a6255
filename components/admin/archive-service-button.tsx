'use client';
import { useTranslations } from 'next-intl';
import { archiveServiceAction } from '@/app/admin/services/actions';
import { ActionButton } from '@/components/ui/action-button';

export function ArchiveServiceButton({ id, archived }: { id: string; archived: boolean }) {
  const t = useTranslations('catalog');
  return (
    <ActionButton
      variant={archived ? 'secondary' : 'danger'}
      run={() => archiveServiceAction({ id, archived: !archived })}
    >
      {archived ? t('restore') : t('archive')}
    </ActionButton>
  );
}
