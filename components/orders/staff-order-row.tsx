import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/ui/status-badge';
import type { OrderStatus } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { pageLocale } from '@/lib/i18n';

/** One order in a staff list (review queues, the order desk): number, status, when and what, who, amount. */
export async function StaffOrderRow({
  order: o,
  timeZone,
  testId,
  details,
}: {
  order: {
    id: string;
    number: string;
    status: OrderStatus;
    scheduledStart: Date;
    service: string;
    zone: string;
    total: number;
    currency: string;
  };
  timeZone: string;
  testId: string;
  /** The second line: client, worker, reason or address, already in words. */
  details: string;
}) {
  const t = await getTranslations('quality');
  const format = await getFormatter();
  const locale = await pageLocale();
  return (
    <li className="flex flex-wrap items-start justify-between gap-2 py-3" data-testid={testId}>
      <div className="min-w-0">
        <Link href={`/admin/orders/${o.id}`} className="font-medium text-emerald-900 underline">
          {o.number}
        </Link>{' '}
        <StatusBadge status={o.status} label={t(`status.${o.status}`)} />
        <p className="text-sm text-slate-600">
          {format.dateTime(o.scheduledStart, { dateStyle: 'medium', timeStyle: 'short', timeZone })} · {o.service} ·{' '}
          {o.zone}
        </p>
        <p className="text-sm break-words text-slate-500">{details}</p>
      </div>
      <span className="text-sm font-medium">{formatMoney(o.total, o.currency, locale)}</span>
    </li>
  );
}
