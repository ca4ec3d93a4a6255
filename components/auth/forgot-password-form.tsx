'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { forgotPasswordInput } from '@/lib/auth/shared';
import { requestPasswordResetAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { EmailField } from '@/components/auth/fields';

export function ForgotPasswordForm() {
  const t = useTranslations('auth');
  // The address the link went to (if it has an account): the same confirmation whatever the server found.
  const [sentTo, setSentTo] = useState<string>();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    forgotPasswordInput,
    { email: '' },
    requestPasswordResetAction,
    { onSuccess: (_data, values) => setSentTo(values.email) },
  );

  const backToSignIn = (
    <p className="text-center text-sm text-slate-600">
      <Link href="/login" className="font-medium text-emerald-700 underline">
        {t('backToSignIn')}
      </Link>
    </p>
  );

  if (sentTo) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t('forgotSent', { email: sentTo })}
        </p>
        <Button type="button" variant="secondary" className="w-full" onClick={() => setSentTo(undefined)}>
          {t('forgotAgain')}
        </Button>
        {backToSignIn}
      </div>
    );
  }

  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      <p className="text-slate-600">{t('forgotIntro')}</p>
      <EmailField inputMode="email" error={errors.email?.message} {...form.register('email')} />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {t('forgotSubmit')}
      </Button>
      {backToSignIn}
    </form>
  );
}
