'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { resetPasswordForm } from '@/lib/auth/shared';
import { resetPasswordAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

type In = z.input<typeof resetPasswordForm>;
type Out = z.output<typeof resetPasswordForm>;

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('auth');
  const [message, setMessage] = useState<string>();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(resetPasswordForm),
    defaultValues: { token, password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        // Success signs in and redirects; only failures come back. The token has no visible field, so its error is shown as the message.
        const result = await resetPasswordAction(values);
        if (!result.ok) setMessage(applyServerErrors(form, result) ?? result.fields.token);
      })}
    >
      {/* Lets password managers store the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label={t('newPassword')}
        type="password"
        autoComplete="new-password"
        hint={t('passwordHint')}
        error={errors.password?.message}
        {...form.register('password')}
      />
      <TextField
        label={t('confirmPassword')}
        type="password"
        autoComplete="new-password"
        error={errors.confirm?.message}
        {...form.register('confirm')}
      />
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
