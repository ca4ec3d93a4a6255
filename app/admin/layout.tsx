import { redirect } from 'next/navigation';
import { PortalLayout } from '@/components/portal-layout';
import { getDb } from '@/db';
import { mustEnrolTwoFactor } from '@/lib/auth';
import { adminNav } from '@/lib/navigation';
import { requireRole } from '@/lib/session';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireRole('manager', 'admin');
  // Staff whose role must use an authenticator set it up before anything else (the twoFactorRequired setting).
  if (await mustEnrolTwoFactor(await getDb(), actor)) redirect('/security');
  return (
    <PortalLayout roles={['manager', 'admin']} nav={adminNav}>
      {children}
    </PortalLayout>
  );
}
