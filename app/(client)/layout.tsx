import { PortalLayout } from '@/components/portal-layout';
import { clientNav } from '@/lib/navigation';

export default function ClientLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout roles={['client']} nav={clientNav}>
      {children}
    </PortalLayout>
  );
}
