import { PortalLayout } from '@/components/portal-layout';
import { adminNav } from '@/lib/navigation';

/** Staff's own sign-in security, outside /admin so that staff who must set up two-factor can reach it. */
export default function SecurityLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout roles={['manager', 'admin']} nav={adminNav}>
      {children}
    </PortalLayout>
  );
}
