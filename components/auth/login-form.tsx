'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { signInInput, twoFactorInput } from '@/lib/auth/shared';
import { signInAction, twoFactorAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { EmailField } from '@/components/auth/fields';

export function LoginForm({ next }: { next?: string }) {
  // After a right password, a staff member with an authenticator is asked for a code.
  const [challenge, setChallenge] = useState<string>();
  return challenge ? (
    <CodeForm challenge={challenge} next={next} onRestart={() => setChallenge(undefined)} />
  ) : (
    <PasswordForm next={next} onChallenge={setChallenge} />
  );
}

function PasswordForm({ next, onChallenge }: { next?: string; onChallenge: (c: string) => void }) {
  const t = useTranslations('auth');
  // Success signs in and redirects, or asks for the second factor.
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    signInInput,
    { email: '', password: '', next },
    signInAction,
    { onSuccess: (data) => data?.challenge && onChallenge(data.challenge) },
  );

  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      <EmailField error={errors.email?.message} {...form.register('email')} />
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

function CodeForm({ challenge, next, onRestart }: { challenge: string; next?: string; onRestart: () => void }) {
  const t = useTranslations('auth');
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    twoFactorInput,
    { challenge, code: '', next },
    twoFactorAction,
  );
  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      <p className="text-slate-700">{t('twoFactorPrompt')}</p>
      <TextField
        label={t('twoFactorCode')}
        hint={t('twoFactorCodeHint')}
        inputMode="text"
        autoComplete="one-time-code"
        autoFocus
        error={errors.code?.message}
        {...form.register('code')}
      />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {t('twoFactorSubmit')}
      </Button>
      <button type="button" onClick={onRestart} className="w-full py-2 text-sm font-medium text-emerald-700 underline">
        {t('twoFactorBack')}
      </button>
    </form>
  );
}
