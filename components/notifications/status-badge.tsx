import { getTranslations } from 'next-intl/server';
import type { NotificationStatus } from '@/db/schema';
import { StatusBadge } from '@/components/ui/status-badge';

/** An email's status; a pending email whose last attempt failed reads as "failing" (retried later). */
export async function EmailStatusBadge({ status, attempts }: { status: NotificationStatus; attempts: number }) {
  const t = await getTranslations('notifications');
  const key = status === 'pending' && attempts > 0 ? 'failed' : status;
  return (
    <StatusBadge
      status={key}
      tone={key === 'failed' ? 'retrying' : key}
      label={`${t(`status.${key}`)}${attempts > 0 ? ` · ${attempts}` : ''}`}
    />
  );
}
