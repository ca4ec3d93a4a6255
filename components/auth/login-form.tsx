'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { signInInput } from '@/lib/auth/shared';
import { signInAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

export function LoginForm({ next }: { next?: string }) {
  const t = useTranslations('auth');
  // Success signs in and redirects; only failures come back.
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    signInInput,
    { email: '', password: '', next },
    signInAction,
  );

  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
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
