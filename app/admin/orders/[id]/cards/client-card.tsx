import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { cardContext, type ManagerOrder } from '../context';

/** Who the client is, how to reach them and where, and their history with the company. */
export async function ClientCard({ order }: { order: ManagerOrder }) {
  const [{ format, tz, money }, t, ta] = await Promise.all([
    cardContext(),
    getTranslations('quality'),
    getTranslations('admin'),
  ]);
  const h = order.clientHistory.counts;
  const totalOrders = Object.values(h).reduce((a, b) => a + b, 0);
  return (
    <Card title={t('order.client')}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-slate-500">{t('order.name')}</dt>
        <dd>
          <Link href={`/admin/clients/${order.client.id}`} className="text-emerald-900 underline">
            {order.client.name}
          </Link>
        </dd>
        <dt className="text-slate-500">Email</dt>
        <dd className="break-all">
          {order.client.email}
          {order.client.emailVerified ? null : (
            <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
              {ta('emailUnverified')}
            </span>
          )}
        </dd>
        <dt className="text-slate-500">{t('order.phone')}</dt>
        <dd>
          <a className="text-emerald-800 underline" href={`tel:${order.contactPhone.replace(/[^\d+]/g, '')}`}>
            {order.contactPhone}
          </a>
        </dd>
        <dt className="text-slate-500">{t('order.address')}</dt>
        <dd>{order.address}</dd>
        {order.accessNotes ? (
          <>
            <dt className="text-slate-500">{t('order.accessNotes')}</dt>
            <dd>{order.accessNotes}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="mt-3 text-sm font-semibold">{t('order.history')}</h3>
      <p className="text-sm text-slate-600" data-testid="client-history">
        {t('order.historyCounts', {
          total: totalOrders,
          completed: h.completed,
          failed: h.failed,
          cancelled: h.cancelled,
        })}
      </p>
      <ul className="mt-1 text-sm">
        {order.clientHistory.recent.map((r) => (
          <li key={r.id}>
            <Link className="text-emerald-800 underline" href={`/admin/orders/${r.id}`}>
              {r.number}
            </Link>{' '}
            · {format.dateTime(r.scheduledStart, { dateStyle: 'short', timeZone: tz })} · {t(`status.${r.status}`)} ·{' '}
            {money(r.total, order.currency)}
          </li>
        ))}
      </ul>
    </Card>
  );
}
