'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { forgotPasswordInput } from '@/lib/auth/shared';
import { requestPasswordResetAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

type In = z.input<typeof forgotPasswordInput>;
type Out = z.output<typeof forgotPasswordInput>;

export function ForgotPasswordForm() {
  const t = useTranslations('auth');
  const [message, setMessage] = useState<string>();
  // The address the link went to (if it has an account): the same confirmation whatever the server found.
  const [sentTo, setSentTo] = useState<string>();
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(forgotPasswordInput), defaultValues: { email: '' } });
  const { errors, isSubmitting } = form.formState;

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
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        const result = await requestPasswordResetAction(values);
        if (result.ok) setSentTo(values.email);
        else setMessage(applyServerErrors(form, result));
      })}
    >
      <p className="text-slate-600">{t('forgotIntro')}</p>
      <TextField
        label={t('email')}
        type="email"
        autoComplete="email"
        inputMode="email"
        error={errors.email?.message}
        {...form.register('email')}
      />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {t('forgotSubmit')}
      </Button>
      {backToSignIn}
    </form>
  );
}
