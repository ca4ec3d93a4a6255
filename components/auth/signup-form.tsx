'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { signUpInput } from '@/lib/auth/shared';
import { signUpAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { EmailField, NewPasswordField } from '@/components/auth/fields';

export function SignupForm() {
  const t = useTranslations('auth');
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    signUpInput,
    { name: '', email: '', phone: '', password: '' },
    signUpAction,
  );

  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      <TextField label={t('name')} autoComplete="name" error={errors.name?.message} {...form.register('name')} />
      <EmailField error={errors.email?.message} {...form.register('email')} />
      <TextField
        label={t('phone')}
        type="tel"
        autoComplete="tel"
        error={errors.phone?.message}
        {...form.register('phone')}
      />
      <NewPasswordField error={errors.password?.message} {...form.register('password')} />
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
