import { cache } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import { CancelOrder } from '@/components/orders/cancel-order';
import { FeedbackForm } from '@/components/orders/feedback-form';
import { OrderLive } from '@/components/orders/order-live';
import { PriceLines } from '@/components/orders/price-lines';
import { RescheduleOrder } from '@/components/orders/reschedule-order';
import { AcceptPrice } from '@/components/orders/accept-price';
import { TipForm } from '@/components/orders/tip-form';
import { StatusBadge } from '@/components/ui/status-badge';
import { Card } from '@/components/ui/card';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { closedStatuses, getOrderForClient, rescheduleStart } from '@/lib/orders';
import { getSettings } from '@/lib/settings';
import { tipsOfOrder, type TipDto } from '@/lib/finance';
import { listSavedCards } from '@/lib/payments';
import { localized, pageLocale } from '@/lib/i18n';

// The page and its title load the same record, once per request.
const loadOrder = cache(async (id: string) => {
  const actor = await requireRole('client');
  const db = await getDb();
  return orNotFound(id, () => getOrderForClient(db, actor, id));
});

export async function generateMetadata({ params }: PageProps<'/orders/[id]'>): Promise<Metadata> {
  const record = await loadOrder((await params).id);
  const t = await getTranslations('orders');
  return { title: t('page.number', { number: record.number }) };
}

export default async function OrderPage({ params }: PageProps<'/orders/[id]'>) {
  const { id } = await params;
  const db = await getDb();
  const order = await loadOrder(id);
  const settings = await getSettings(db);
  const actor = await requireRole('client');
  const [tipList, cards] = await Promise.all([tipsOfOrder(db, actor, order.id), listSavedCards(db, actor)]);
  // The live tip (at most one); a refused card attempt leaves the form open again.
  const liveTip = tipList.find((tip) => tip.status !== 'failed') ?? null;
  const refusedTip = !liveTip && tipList[0]?.status === 'failed';
  const tf = await getTranslations('finance');
  const tipState = (tip: TipDto) =>
    tip.invoice && tip.invoice.status !== 'void'
      ? tf(tip.invoice.status === 'paid' ? 'tips.state.invoicePaid' : 'tips.state.invoiced', {
          number: tip.invoice.number,
        })
      : tf(`tips.state.${tip.status}`);
  const t = await getTranslations('orders');
  const tp = await getTranslations('plans');
  const format = await getFormatter();
  const locale = await pageLocale();
  const tz = settings.timeZone;
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const money = (v: number) => formatMoney(v, order.currency, locale);
  const closed = (closedStatuses as readonly string[]).includes(order.status);
  const policy = settings.cancellationPolicy;
  const costText =
    order.cancellation.tier === 'free'
      ? t('cancel.free')
      : t(`cancel.${order.cancellation.tier}`, { fee: money(order.cancellation.fee) });
  const policyText = t('cancel.policy', {
    freeUntil: when(order.cancellation.freeUntil),
    lateFee: `${policy.lateFeeBp / 100}%`,
    fullFrom: when(order.cancellation.fullFrom),
  });
  const o = order.options;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Link href="/orders" className="text-sm text-emerald-800 hover:underline">
          ← {t('page.back')}
        </Link>
        <OrderLive orderId={order.id} version={order.version} closed={closed} label={t('page.live')} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">{t('page.number', { number: order.number })}</h1>
        <StatusBadge testId="order-status" status={order.status} label={t(`status.${order.status}`)} />
      </div>
      {order.planId ? (
        <p className="text-sm text-slate-600" data-testid="order-plan">
          {tp('ofPlan')} ·{' '}
          <Link href={`/plans/${order.planId}`} className="text-emerald-800 underline">
            {tp('openPlan')}
          </Link>
        </p>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={localized(order.service, locale)}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-500">{t('page.when')}</dt>
            <dd data-testid="order-when">
              {when(order.scheduledStart)} – {format.dateTime(order.scheduledEnd, { timeStyle: 'short', timeZone: tz })}
            </dd>
            <dt className="text-slate-500">{t('page.where')}</dt>
            <dd className="break-words">
              {order.address} · {localized(order.zone, locale)}
            </dd>
            {order.accessNotes ? (
              <>
                <dt className="text-slate-500">{t('page.access')}</dt>
                <dd className="break-words">{order.accessNotes}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">{t('page.phone')}</dt>
            <dd>{order.contactPhone}</dd>
            <dt className="text-slate-500">{t('page.options')}</dt>
            <dd>
              {[
                o.areaM2 ? t('page.area', { area: o.areaM2 }) : null,
                o.rooms ? t('page.rooms', { rooms: o.rooms }) : null,
                o.bathrooms ? t('page.bathrooms', { n: o.bathrooms }) : null,
                o.hours ? t('page.hours', { n: o.hours }) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
            <dt className="text-slate-500">{t('page.worker')}</dt>
            <dd data-testid="order-worker">{order.workerFirstName ?? t('page.noWorker')}</dd>
          </dl>
        </Card>

        <Card title={order.final ? t('page.final') : t('page.estimate')}>
          {order.final ? (
            <>
              <PriceLines
                lines={order.final.lines}
                total={order.final.total}
                currency={order.currency}
                locale={locale}
                totalLabel={t('page.total')}
                testId="final-lines"
              />
              {order.final.total !== order.estimate.total ? (
                <details className="mt-3 text-sm">
                  <summary className="cursor-pointer text-slate-700">
                    {order.final.total < order.estimate.total
                      ? t('page.priceLower', { estimate: money(order.estimate.total) })
                      : t('page.priceDiffers', { estimate: money(order.estimate.total) })}
                  </summary>
                  <div className="mt-2">
                    <PriceLines
                      lines={order.estimate.lines}
                      total={order.estimate.total}
                      currency={order.currency}
                      locale={locale}
                      totalLabel={t('page.estimate')}
                    />
                  </div>
                </details>
              ) : null}
            </>
          ) : (
            <>
              <PriceLines
                lines={order.estimate.lines}
                total={order.estimate.total}
                currency={order.currency}
                locale={locale}
                totalLabel={t('page.total')}
                testId="estimate-lines"
              />
              <p className="mt-2 text-xs text-slate-500">{t('form.estimateHint')}</p>
            </>
          )}
          {order.status === 'cancelled' && order.cancellationFee > 0 ? (
            <p className="mt-3 flex justify-between text-sm font-medium text-rose-800">
              <span>{t('page.cancellationFee')}</span>
              <span className="tabular-nums">{money(order.cancellationFee)}</span>
            </p>
          ) : null}
        </Card>
      </div>

      {order.can.acceptPrice && order.final && order.priceCap !== null ? (
        // Matching found only a worker above the price the client was promised ("ask" policy): their yes, or a free no.
        <section
          role="status"
          className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
          data-testid="price-consent"
        >
          <p>{t('consent.text', { cap: money(order.priceCap), price: money(order.final.total) })}</p>
          <AcceptPrice orderId={order.id} />
        </section>
      ) : null}
      {order.can.cancel || order.status === 'pending' || order.status === 'assigned' ? (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
          {order.can.reschedule ? (
            <RescheduleOrder orderId={order.id} {...rescheduleStart(order.scheduledStart, settings, new Date())} />
          ) : (
            <p className="text-sm text-slate-600">
              {t('reschedule.tooLate', { freeUntil: when(order.cancellation.freeUntil) })}
            </p>
          )}
          {order.can.cancel ? <CancelOrder orderId={order.id} policyText={policyText} costText={costText} /> : null}
        </div>
      ) : null}

      {order.status === 'completed' || order.feedback ? (
        <Card title={t('feedback.title')}>
          {order.feedback ? (
            <p className="text-sm" data-testid="feedback-given">
              {t('feedback.yours', { rating: order.feedback.rating })}
              {order.feedback.comment ? (
                <span className="mt-1 block text-slate-600">{order.feedback.comment}</span>
              ) : null}
            </p>
          ) : order.can.rate ? (
            <FeedbackForm orderId={order.id} />
          ) : null}
        </Card>
      ) : null}

      {order.status === 'completed' || liveTip ? (
        <Card title={tf('tips.title')}>
          {liveTip ? (
            <div className="space-y-1 text-sm" data-testid="tip-given" data-status={liveTip.status}>
              <p className="font-medium">
                {tf('tips.given', { amount: money(liveTip.amount), name: liveTip.workerFirstName })}
              </p>
              <p className="text-slate-600">
                {liveTip.invoice && liveTip.invoice.status !== 'void' ? (
                  <Link href={`/invoices/${liveTip.invoice.id}`} className="text-emerald-800 underline">
                    {tipState(liveTip)}
                  </Link>
                ) : (
                  tipState(liveTip)
                )}
              </p>
            </div>
          ) : (
            <div className="space-y-3">
              <p className="text-sm text-slate-600">{tf('tips.intro', { name: order.workerFirstName ?? '' })}</p>
              {refusedTip ? (
                <p
                  role="status"
                  className="rounded-lg bg-amber-50 p-2 text-sm text-amber-950"
                  data-testid="tip-refused"
                >
                  {tf('tips.state.failed')}
                </p>
              ) : null}
              <TipForm
                orderId={order.id}
                presets={settings.tipPresets.filter((p) => p <= settings.tipMax)}
                max={settings.tipMax}
                currency={order.currency}
                locale={locale}
                hasCard={cards.some((c) => c.provider === settings.paymentProvider)}
              />
            </div>
          )}
        </Card>
      ) : null}

      <Card title={t('page.timeline')}>
        <ol className="space-y-3 border-l-2 border-slate-200 pl-4" data-testid="order-timeline">
          {order.timeline.map((e) => (
            <li key={e.id} className="relative text-sm">
              <span
                className="absolute -left-[1.4rem] top-1 size-3 rounded-full bg-emerald-600 ring-4 ring-white"
                aria-hidden
              />
              <span className="font-medium text-slate-900">
                {t.has(`timeline.${e.kind}`) ? t(`timeline.${e.kind}`) : t(`status.${e.toStatus}`)}
              </span>
              <time className="ml-2 text-slate-500" dateTime={e.at.toISOString()}>
                {when(e.at)}
              </time>
              {e.reason && e.kind === 'cancel' ? (
                <span className="block text-slate-600">
                  {t.has(`cancel.reasons.${e.reason}`) ? t(`cancel.reasons.${e.reason}`) : e.reason}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
