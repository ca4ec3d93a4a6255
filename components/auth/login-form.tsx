'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { signInInput } from '@/lib/auth/shared';
import { signInAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

type In = z.input<typeof signInInput>;
type Out = z.output<typeof signInInput>;

export function LoginForm({ next }: { next?: string }) {
  const t = useTranslations('auth');
  const [message, setMessage] = useState<string>();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(signInInput),
    defaultValues: { email: '', password: '', next },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        const result = await signInAction(values);
        if (!result.ok) setMessage(applyServerErrors(form, result));
      })}
    >
      <TextField
        label={t('email')}
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...form.register('email')}
      />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register('password')}
      />
      <p className="-mt-2 text-right text-sm">
        <Link href="/forgot-password" className="inline-block py-2 font-medium text-emerald-700 underline">
          {t('forgotLink')}
        </Link>
      </p>
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {t('submitSignIn')}
      </Button>
      <p className="text-center text-sm text-slate-600">
        {t('noAccount')}{' '}
        <Link href="/signup" className="font-medium text-emerald-700 underline">
          {t('submitSignUp')}
        </Link>
      </p>
    </form>
  );
}
