import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { CancelOrder } from '@/components/orders/cancel-order';
import { RescheduleOrder } from '@/components/orders/reschedule-order';
import { canRunAny } from '@/lib/orders';
import { rescheduleStart } from '@/lib/orders/shared';
import { cancellationFee, cancellationTier } from '@/lib/finance/shared';
import { staffCancelOrderAction, staffRescheduleOrderAction } from '../../actions';
import { cardContext, type ManagerOrder } from '../context';

/**
 * Staff move or cancel a job for the client where the transition table lets them; the cancel form states the
 * fee first. Nothing at all when neither is allowed.
 */
export async function StaffChangeCard({ order }: { order: ManagerOrder }) {
  const [{ actor, settings, money }, t] = await Promise.all([cardContext(), getTranslations('orders')]);
  const parties = { clientId: order.client.id, workerId: order.worker?.id ?? null, status: order.status };
  const canReschedule = canRunAny(actor, parties, ['reschedule']);
  const canCancel = canRunAny(actor, parties, ['cancel']);
  if (!canReschedule && !canCancel) return null;
  const policy = settings.cancellationPolicy;
  const price = order.priceTotal ?? order.estimateTotal;
  const now = new Date();
  const tier = cancellationTier(policy, order.scheduledStart, now, order.bookedAt);
  const fee = cancellationFee(policy, order.scheduledStart, now, price, order.bookedAt);
  return (
    <Card title={t('staffChange.title')}>
      <p className="mb-3 text-sm text-slate-600">{t('staffChange.help')}</p>
      <div className="flex flex-wrap items-start gap-2">
        {canReschedule ? (
          <RescheduleOrder
            orderId={order.id}
            action={staffRescheduleOrderAction}
            {...rescheduleStart(order.scheduledStart, settings, now)}
          />
        ) : null}
        {canCancel ? (
          <CancelOrder
            orderId={order.id}
            action={staffCancelOrderAction}
            canWaive
            policyText={t('cancel.staffPolicy', {
              lateFee: `${policy.lateFeeBp / 100}%`,
              freeHours: policy.freeHours,
              fullHours: policy.fullPriceHours,
            })}
            costText={tier === 'free' ? t('cancel.free') : t(`cancel.${tier}`, { fee: money(fee, order.currency) })}
          />
        ) : null}
      </div>
    </Card>
  );
}
