import { PortalLayout } from '@/components/portal-layout';
import { VerifyEmailBanner } from '@/components/auth/verify-email-banner';
import { getDb } from '@/db';
import { isEmailVerified } from '@/lib/auth';
import { clientNav } from '@/lib/navigation';
import { currentActor } from '@/lib/session';

export default async function ClientLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  const unverified = actor?.role === 'client' && !(await isEmailVerified(await getDb(), actor.id));
  return (
    <PortalLayout roles={['client']} nav={clientNav}>
      {actor && unverified ? <VerifyEmailBanner email={actor.email} /> : null}
      {children}
    </PortalLayout>
  );
}
