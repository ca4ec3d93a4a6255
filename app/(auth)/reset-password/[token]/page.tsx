import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { getDb } from '@/db';
import { getPasswordReset } from '@/lib/auth';
import { DomainError } from '@/lib/errors';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('auth', 'resetTitle', {
  robots: { index: false },
  referrer: 'no-referrer' as const,
});

// The token is in the URL: keep it out of search engines and out of the Referer of links on this page.

export default async function ResetPasswordPage({ params }: PageProps<'/reset-password/[token]'>) {
  const { token } = await params;
  const t = await getTranslations('auth');
  const te = await getTranslations('errors');
  const reset = await getPasswordReset(await getDb(), token).catch((error: unknown) => {
    if (error instanceof DomainError) return null;
    throw error;
  });
  if (!reset) {
    return (
      <Card title={t('resetInvalidTitle')}>
        <p role="alert" className="mb-4 text-slate-700">
          {te('resetInvalid')}
        </p>
        <Link href="/forgot-password" className={buttonClass('primary', 'w-full')}>
          {t('requestNewLink')}
        </Link>
      </Card>
    );
  }
  return (
    <Card title={<span className="text-2xl">{t('resetTitle')}</span>}>
      <p className="mb-4 text-slate-600">{t('resetText', { email: reset.email })}</p>
      <ResetPasswordForm token={token} email={reset.email} />
    </Card>
  );
}
