import { PortalLayout } from '@/components/portal-layout';
import { adminNav } from '@/lib/navigation';

export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout roles={['manager', 'admin']} nav={adminNav}>
      {children}
    </PortalLayout>
  );
}
