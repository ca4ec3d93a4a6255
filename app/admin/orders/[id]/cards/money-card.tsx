import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { PriceLine } from '@/db/schema';
import { cardContext, type ManagerOrder } from '../context';

/** One priced list (the estimate, the final price, the worker's pay) with its total; nothing until it exists. */
async function Lines({
  title,
  list,
  total,
  currency,
}: {
  title: string;
  list: PriceLine[] | null;
  total: number | null;
  currency: string;
}) {
  if (!list || total === null) return null;
  const [{ locale, money }, t] = await Promise.all([cardContext(), getTranslations('quality')]);
  return (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      <table className="w-full text-sm">
        <tbody>
          {list.map((l, i) => (
            <tr key={`${l.code}-${i}`} className="border-b border-slate-100">
              <td className="py-1">{locale === 'en' ? l.labelEn : l.labelRu}</td>
              <td className="py-1 text-right">{money(l.amount, currency)}</td>
            </tr>
          ))}
          <tr className="font-semibold">
            <td className="py-1">{t('order.total')}</td>
            <td className="py-1 text-right">{money(total, currency)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The order's money: the client's estimate and final price, the worker's pay and any cancellation fee. */
export async function MoneyCard({ order }: { order: ManagerOrder }) {
  const [{ money }, t] = await Promise.all([cardContext(), getTranslations('quality')]);
  const currency = order.currency;
  return (
    <Card title={t('order.money')}>
      <div className="space-y-3">
        <Lines title={t('order.estimate')} list={order.estimateLines} total={order.estimateTotal} currency={currency} />
        <Lines title={t('order.finalPrice')} list={order.priceLines} total={order.priceTotal} currency={currency} />
        <Lines title={t('order.pay')} list={order.payLines} total={order.payTotal} currency={currency} />
        {order.cancellationFee > 0 ? (
          <p className="text-sm">{t('order.cancellationFee', { amount: money(order.cancellationFee, currency) })}</p>
        ) : null}
      </div>
    </Card>
  );
}
