'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { resetPasswordForm } from '@/lib/auth/shared';
import { resetPasswordAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { ConfirmPasswordField, NewPasswordField } from '@/components/auth/fields';

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('auth');
  // Success signs in and redirects; only failures come back. The token has no visible field, so its error is
  // shown as the message.
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    resetPasswordForm,
    { token, password: '', confirm: '' },
    resetPasswordAction,
    { unplaced: (failure) => failure.fields.token },
  );
  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField label={t('newPassword')} error={errors.password?.message} {...form.register('password')} />
      <ConfirmPasswordField error={errors.confirm?.message} {...form.register('confirm')} />
      <FormMessage message={message} />
      {message === 'errors.resetInvalid' ? (
        <p className="text-center text-sm">
          <Link href="/forgot-password" className="font-medium text-emerald-700 underline">
            {t('requestNewLink')}
          </Link>
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {t('resetSubmit')}
      </Button>
    </form>
  );
}
