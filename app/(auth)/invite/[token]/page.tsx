import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { AcceptInviteForm } from '@/components/auth/accept-invite-form';
import { getDb } from '@/db';
import { getInvite } from '@/lib/auth';
import { DomainError } from '@/lib/errors';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('auth', 'inviteTitle');

export default async function InvitePage({ params }: PageProps<'/invite/[token]'>) {
  const { token } = await params;
  const t = await getTranslations('auth');
  const tc = await getTranslations('common');
  const te = await getTranslations('errors');
  const invite = await getInvite(await getDb(), token).catch((error: unknown) => {
    if (error instanceof DomainError) return null;
    throw error;
  });
  if (!invite) {
    return (
      <Card title={t('inviteInvalidTitle')}>
        <p role="alert" className="text-slate-700">
          {te('inviteInvalid')}
        </p>
      </Card>
    );
  }
  return (
    <Card title={<span className="text-2xl">{t('inviteTitle')}</span>}>
      <p className="mb-4 text-slate-600">{t('inviteText', { name: invite.name, role: tc(`roles.${invite.role}`) })}</p>
      <p className="mb-4 text-sm text-slate-500">{invite.email}</p>
      <AcceptInviteForm token={token} />
    </Card>
  );
}
