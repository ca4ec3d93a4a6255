import { PortalLayout } from '@/components/portal-layout';
import { VerifyEmailBanner } from '@/components/auth/verify-email-banner';
import { getDb } from '@/db';
import { findSessionUser } from '@/lib/auth';
import { clientNav } from '@/lib/navigation';
import { currentActor } from '@/lib/session';

export default async function ClientLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  const user = actor?.role === 'client' ? await findSessionUser(await getDb(), actor.id) : null;
  return (
    <PortalLayout roles={['client']} nav={clientNav}>
      {user && !user.emailVerified ? <VerifyEmailBanner email={user.email} /> : null}
      {children}
    </PortalLayout>
  );
}
