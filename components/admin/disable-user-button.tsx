'use client';
import { useTranslations } from 'next-intl';
import { setDisabledAction } from '@/app/admin/users/actions';
import { ActionButton } from '@/components/ui/action-button';

export function DisableUserButton({ userId, disabled }: { userId: string; disabled: boolean }) {
  const t = useTranslations('admin');
  return (
    <ActionButton
      variant={disabled ? 'secondary' : 'danger'}
      className="min-h-9 px-3 py-1"
      run={() => setDisabledAction({ userId, disabled: !disabled })}
    >
      {disabled ? t('enable') : t('disable')}
    </ActionButton>
  );
}
