import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PortalLayout } from '@/components/portal-layout';
import { workerNav } from '@/lib/navigation';

// The worker portal is an installable app (app/worker.webmanifest); on iOS the apple-* tags do the same job.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return {
    manifest: '/worker.webmanifest',
    appleWebApp: { capable: true, title: t('workerApp.shortName'), statusBarStyle: 'default' },
  };
}

export default function WorkerLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalLayout roles={['worker']} nav={workerNav}>
      {children}
    </PortalLayout>
  );
}
