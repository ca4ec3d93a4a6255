import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('auth', 'forgotTitle', { robots: { index: false } });

/** Open to everyone, signed in or not (the proxy does not guard it). */
export default async function ForgotPasswordPage() {
  const t = await getTranslations('auth');
  return (
    <Card title={<span className="text-2xl">{t('forgotTitle')}</span>}>
      <ForgotPasswordForm />
    </Card>
  );
}
