'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { signUpInput } from '@/lib/auth/shared';
import { signUpAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

type In = z.input<typeof signUpInput>;
type Out = z.output<typeof signUpInput>;

export function SignupForm() {
  const t = useTranslations('auth');
  const [message, setMessage] = useState<string>();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(signUpInput),
    defaultValues: { name: '', email: '', phone: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        const result = await signUpAction(values);
        if (!result.ok) setMessage(applyServerErrors(form, result));
      })}
    >
      <TextField label={t('name')} autoComplete="name" error={errors.name?.message} {...form.register('name')} />
      <TextField
        label={t('email')}
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...form.register('email')}
      />
      <TextField
        label={t('phone')}
        type="tel"
        autoComplete="tel"
        error={errors.phone?.message}
        {...form.register('phone')}
      />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="new-password"
        hint={t('passwordHint')}
        error={errors.password?.message}
        {...form.register('password')}
      />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {t('submitSignUp')}
      </Button>
      <p className="text-center text-sm text-slate-600">
        {t('haveAccount')}{' '}
        <Link href="/login" className="font-medium text-emerald-700 underline">
          {t('submitSignIn')}
        </Link>
      </p>
    </form>
  );
}
