import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { LoginForm } from '@/components/auth/login-form';
import { homeOf } from '@/lib/auth';
import { currentActor } from '@/lib/session';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('auth', 'signInTitle');

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const actor = await currentActor();
  if (actor) redirect(homeOf(actor.role));
  const t = await getTranslations('auth');
  const { next } = await searchParams;
  return (
    <Card title={<span className="text-2xl">{t('signInTitle')}</span>}>
      <LoginForm next={typeof next === 'string' ? next : undefined} />
    </Card>
  );
}
