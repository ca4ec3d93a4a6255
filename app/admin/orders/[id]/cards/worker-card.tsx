import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { listMovements } from '@/lib/supplies';
import { cardContext, type ManagerOrder } from '../context';

/** The supplies the visit used, with any shortfall. One order's movements: bounded by its service's supplies. */
async function suppliesUsed(order: ManagerOrder) {
  const { actor, db } = await cardContext();
  const movements = (await listMovements(db, actor, { orderId: order.id, limit: 100 })).items;
  return movements.filter((m) => m.kind === 'used');
}

/** Who does the job (with a link to their performance) and the supplies it used. */
export async function WorkerCard({ order }: { order: ManagerOrder }) {
  const [{ locale }, used, t] = await Promise.all([cardContext(), suppliesUsed(order), getTranslations('quality')]);
  return (
    <Card title={t('order.worker')}>
      {order.worker ? (
        <p className="text-sm">
          {order.worker.name} · {order.worker.email} ·{' '}
          <Link className="text-emerald-800 underline" href={`/admin/quality/workers/${order.worker.id}`}>
            {t('order.workerPerformance')}
          </Link>
        </p>
      ) : (
        <p className="text-sm text-slate-500">{t('order.noWorker')}</p>
      )}
      <h3 className="mt-3 text-sm font-semibold">{t('order.suppliesUsed')}</h3>
      {used.length === 0 ? (
        <p className="text-sm text-slate-500">{t('order.noSupplies')}</p>
      ) : (
        <ul className="text-sm">
          {used.map((m) => (
            <li key={m.id}>
              {locale === 'en' ? m.supply.en : m.supply.ru}: {Math.abs(m.quantity)} {m.unit[locale]}
              {m.shortfall > 0 ? ` (${t('order.shortfall', { n: m.shortfall })})` : ''}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
