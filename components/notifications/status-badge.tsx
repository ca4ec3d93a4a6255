import { getTranslations } from 'next-intl/server';
import type { NotificationStatus } from '@/db/schema';

const tone: Record<string, string> = {
  pending: 'bg-slate-100 text-slate-700',
  failed: 'bg-amber-100 text-amber-800',
  sending: 'bg-sky-100 text-sky-800',
  sent: 'bg-emerald-100 text-emerald-800',
  dead: 'bg-rose-100 text-rose-800',
};

/** A pending email whose last attempt failed reads as "failing". */
export async function StatusBadge({ status, attempts }: { status: NotificationStatus; attempts: number }) {
  const t = await getTranslations('notifications');
  const key = status === 'pending' && attempts > 0 ? 'failed' : status;
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${tone[key]}`} data-status={key}>
      {t(`status.${key}`)}
      {attempts > 0 ? ` · ${attempts}` : ''}
    </span>
  );
}
