import { PortalLayout } from '@/components/portal-layout';
import { workerNav } from '@/lib/navigation';

export default function WorkerLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout roles={['worker']} nav={workerNav}>
      {children}
    </PortalLayout>
  );
}
