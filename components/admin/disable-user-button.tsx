'use client';
import { useTranslations } from 'next-intl';
import { resetTwoFactorAction, setDisabledAction } from '@/app/admin/users/actions';
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

/** For a staff member who lost their phone: removes their authenticator (audited); they set it up again. */
export function ResetTwoFactorButton({ userId }: { userId: string }) {
  const t = useTranslations('security');
  return (
    <ActionButton variant="secondary" className="min-h-9 px-3 py-1" run={() => resetTwoFactorAction({ userId })}>
      {t('reset')}
    </ActionButton>
  );
}
