import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { OutcomePanel } from '@/components/quality/outcome-panel';
import { failFinesByReason } from '@/lib/finance';
import { canRunAny } from '@/lib/orders';
import { proposeRedoSlots } from '@/lib/quality';
import { failureReasons, reasonLabel } from '@/lib/quality/shared';
import { cardContext, type ManagerOrder } from '../context';

/** The data of the outcome card: which outcomes staff may set, the re-do slots and the fines failing would set. */
async function outcomeData(order: ManagerOrder) {
  const { actor, db, format, tz, money } = await cardContext();
  const canConfirm = order.status === 'completed' && !order.review;
  // Failing is `fail` before the work is done and `review_fail` after it: the transition table decides.
  const parties = { clientId: order.client.id, workerId: order.worker?.id ?? null, status: order.status };
  const canFail = canRunAny(actor, parties, ['fail', 'review_fail']);
  const canRedo = order.status === 'failed' && !order.review?.redoOrderId;
  const [slots, fines] = await Promise.all([
    canRedo ? proposeRedoSlots(db, actor, order.id) : [],
    // What failing would fine the worker by the rule, per reason, shown in the form before it is submitted.
    canFail ? failFinesByReason(db, actor, order.id, failureReasons).then((r) => r.fines) : null,
  ]);
  const redoSlots = slots.map((s) => ({
    date: s.date,
    time: s.time,
    freeWorkers: s.freeWorkers,
    label: format.dateTime(s.start, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: tz,
    }),
  }));
  const ruleFines = Object.fromEntries(
    Object.entries(fines ?? {}).map(([reason, amount]) => [
      reason,
      amount === null ? null : money(amount, order.currency),
    ]),
  );
  return { canConfirm, canFail, canRedo, redoSlots, ruleFines };
}

/** The review's state and, where the transition table allows, the panel that confirms, fails or books a re-do. */
export async function OutcomeCard({ order }: { order: ManagerOrder }) {
  const [{ when }, data, t] = await Promise.all([cardContext(), outcomeData(order), getTranslations('quality')]);
  const review = order.review;
  return (
    <Card title={t('order.outcome')}>
      {review ? (
        <p className="mb-3 text-sm" data-testid="review-state">
          {review.outcome === 'confirmed'
            ? t('order.reviewConfirmed', { name: review.reviewerName, when: when(review.at) })
            : t('order.reviewFailed', {
                name: review.reviewerName,
                when: when(review.at),
                reason: reasonLabel(t, review.reasonCode),
              })}
          {review.note ? ` — ${review.note}` : ''}
          {review.redoOrderId ? (
            <>
              {' · '}
              {t('order.redo')}{' '}
              <Link className="text-emerald-800 underline" href={`/admin/orders/${review.redoOrderId}`}>
                {review.redoNumber}
              </Link>
            </>
          ) : null}
        </p>
      ) : (
        <p className="mb-3 text-sm text-slate-600">
          {order.status === 'completed' ? t('order.notReviewed') : t('order.noReview')}
        </p>
      )}
      {data.canConfirm || data.canFail || data.canRedo ? (
        <OutcomePanel orderId={order.id} hasWorker={order.worker !== null} {...data} />
      ) : null}
    </Card>
  );
}
