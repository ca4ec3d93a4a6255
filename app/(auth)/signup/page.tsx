import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { SignupForm } from '@/components/auth/signup-form';
import { homeOf } from '@/lib/auth';
import { currentActor } from '@/lib/session';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('auth', 'signUpTitle');

export default async function SignupPage() {
  const actor = await currentActor();
  if (actor) redirect(homeOf(actor.role));
  const t = await getTranslations('auth');
  return (
    <Card title={<span className="text-2xl">{t('signUpTitle')}</span>}>
      <SignupForm />
    </Card>
  );
}
