'use client';
import { useTranslations } from 'next-intl';
import { acceptInviteInput } from '@/lib/auth/shared';
import { acceptInviteAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { ConfirmPasswordField, NewPasswordField } from '@/components/auth/fields';

export function AcceptInviteForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    acceptInviteInput,
    { token, password: '', confirm: '' },
    acceptInviteAction,
  );
  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      <NewPasswordField error={errors.password?.message} {...form.register('password')} />
      <ConfirmPasswordField error={errors.confirm?.message} {...form.register('confirm')} />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {t('inviteSubmit')}
      </Button>
    </form>
  );
}
