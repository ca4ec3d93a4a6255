import { cache } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { OutcomePanel } from '@/components/quality/outcome-panel';
import { ContactForm } from '@/components/quality/contact-form';
import { FillQualityForm } from '@/components/quality/fill-form';
import { MatchingPanel } from '@/components/matching/matching-panel';
import { StaffNoteForm } from '@/components/clients/record-forms';
import { StaffNotesList } from '@/components/clients/staff-notes';
import { staffNotesForOrder } from '@/lib/clients';
import { BlockedWorkersPanel } from '@/components/matching/blocked-workers-panel';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import type { PriceLine } from '@/db/schema';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { failFinesByReason } from '@/lib/finance';
import { failureReasons } from '@/lib/quality/shared';
import { formsForOrder, getOrderForManager, listContacts, proposeRedoSlots, responsesForOrder } from '@/lib/quality';
import { reasonLabel } from '@/lib/quality/shared';
import { listMovements } from '@/lib/supplies';
import { getSettings } from '@/lib/settings';
import { localized, pageLocale } from '@/lib/i18n';
import { canRunAny } from '@/lib/orders';
import { cancellationFee, cancellationTier } from '@/lib/finance/shared';
import { toDateString, toWallTime } from '@/lib/time';
import { CancelOrder } from '@/components/orders/cancel-order';
import { RescheduleOrder } from '@/components/orders/reschedule-order';
import { staffCancelOrderAction, staffRescheduleOrderAction } from '../actions';

/** Who booked an order on the client's behalf (a phone booking), from its first event's data. */
function bookedBy(data: Record<string, unknown>): { name: string; role: 'manager' | 'admin' } | null {
  const b = data.bookedBy as { name?: unknown; role?: unknown } | undefined;
  return b && typeof b.name === 'string' && (b.role === 'manager' || b.role === 'admin')
    ? { name: b.name, role: b.role }
    : null;
}

// The page and its title load the same record, once per request.
const loadOrder = cache(async (id: string) => {
  const actor = await requireRole('manager', 'admin');
  const db = await getDb();
  return orNotFound(id, async () => (await getOrderForManager(db, actor, id)) ?? notFound());
});

export async function generateMetadata({ params }: PageProps<'/admin/orders/[id]'>): Promise<Metadata> {
  const record = await loadOrder((await params).id);
  const t = await getTranslations('orders');
  return { title: t('page.number', { number: record.number }) };
}

export default async function ManagerOrderPage({ params }: PageProps<'/admin/orders/[id]'>) {
  const actor = await requireRole('manager', 'admin');
  const { id } = await params;
  const db = await getDb();
  const order = await loadOrder(id);
  const [contacts, forms, responses, settings, movements, notes] = await Promise.all([
    listContacts(db, actor, id),
    formsForOrder(db, actor, id),
    responsesForOrder(db, actor, id),
    getSettings(db),
    // One order's movements: bounded by the supplies its service uses.
    listMovements(db, actor, { orderId: id, limit: 100 }).then((p) => p.items),
    staffNotesForOrder(db, actor, id),
  ]);
  const used = movements.filter((m) => m.kind === 'used');
  const t = await getTranslations('quality');
  const tOrders = await getTranslations('orders');
  const ta = await getTranslations('admin');
  const tc = await getTranslations('clients');
  const format = await getFormatter();
  const locale = await pageLocale();
  const tz = settings.timeZone;
  const money = (n: number) => formatMoney(n, order.currency, locale);
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const name = (x: { nameRu: string; nameEn: string }) => localized(x, locale);
  const bookedByText = (data: Record<string, unknown>) => {
    const by = bookedBy(data);
    return by ? t('order.bookedBy', { name: by.name, role: tc(`roles.${by.role}`) }) : '';
  };

  const lines = (title: string, list: PriceLine[] | null, total: number | null) =>
    list && total !== null ? (
      <div>
        <h3 className="text-sm font-semibold">{title}</h3>
        <table className="w-full text-sm">
          <tbody>
            {list.map((l, i) => (
              <tr key={`${l.code}-${i}`} className="border-b border-slate-100">
                <td className="py-1">{locale === 'en' ? l.labelEn : l.labelRu}</td>
                <td className="py-1 text-right">{money(l.amount)}</td>
              </tr>
            ))}
            <tr className="font-semibold">
              <td className="py-1">{t('order.total')}</td>
              <td className="py-1 text-right">{money(total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    ) : null;

  const canConfirm = order.status === 'completed' && !order.review;
  // Failing is `fail` before the work is done and `review_fail` after it: the transition table decides.
  const parties = { clientId: order.client.id, workerId: order.worker?.id ?? null, status: order.status };
  const canFail = canRunAny(actor, parties, ['fail', 'review_fail']);
  const canRedo = order.status === 'failed' && !order.review?.redoOrderId;
  const redoSlots = canRedo
    ? (await proposeRedoSlots(db, actor, order.id)).map((s) => ({
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
      }))
    : [];
  // What failing would fine the worker by the rule, per reason, shown in the form before it is submitted.
  const ruleFines = canFail ? (await failFinesByReason(db, actor, order.id, failureReasons)).fines : {};
  const ruleFineText = Object.fromEntries(
    Object.entries(ruleFines).map(([reason, amount]) => [reason, amount === null ? null : money(amount)]),
  );
  // Staff may move or cancel a job for the client where the transition table lets them; the cancel form states the fee first.
  const canReschedule = canRunAny(actor, parties, ['reschedule']);
  const canCancel = canRunAny(actor, parties, ['cancel']);
  const policy = settings.cancellationPolicy;
  const price = order.priceTotal ?? order.estimateTotal;
  const tier = cancellationTier(policy, order.scheduledStart, new Date(), order.bookedAt);
  const fee = cancellationFee(policy, order.scheduledStart, new Date(), price, order.bookedAt);
  const startWall = toWallTime(order.scheduledStart, tz);
  const h = order.clientHistory.counts;
  const totalOrders = Object.values(h).reduce((a, b) => a + b, 0);

  return (
    <div className="space-y-4">
      <PageTitle actions={<StatusBadge status={order.status} label={t(`status.${order.status}`)} />}>
        {order.number}
      </PageTitle>
      <p className="text-sm text-slate-600">
        {name(order.service)} · {name(order.zone)} · {when(order.scheduledStart)} –{' '}
        {format.dateTime(order.scheduledEnd, { timeStyle: 'short', timeZone: tz })}
        {order.redoOf ? (
          <>
            {' · '}
            {t('order.redoOf')}{' '}
            <Link className="text-emerald-800 underline" href={`/admin/orders/${order.redoOf.id}`}>
              {order.redoOf.number}
            </Link>
          </>
        ) : null}
      </p>

      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t('order.outcome')}>
          {order.review ? (
            <p className="mb-3 text-sm" data-testid="review-state">
              {order.review.outcome === 'confirmed'
                ? t('order.reviewConfirmed', { name: order.review.reviewerName, when: when(order.review.at) })
                : t('order.reviewFailed', {
                    name: order.review.reviewerName,
                    when: when(order.review.at),
                    reason: reasonLabel(t, order.review.reasonCode),
                  })}
              {order.review.note ? ` — ${order.review.note}` : ''}
              {order.review.redoOrderId ? (
                <>
                  {' · '}
                  {t('order.redo')}{' '}
                  <Link className="text-emerald-800 underline" href={`/admin/orders/${order.review.redoOrderId}`}>
                    {order.review.redoNumber}
                  </Link>
                </>
              ) : null}
            </p>
          ) : (
            <p className="mb-3 text-sm text-slate-600">
              {order.status === 'completed' ? t('order.notReviewed') : t('order.noReview')}
            </p>
          )}
          {canConfirm || canFail || canRedo ? (
            <OutcomePanel
              orderId={order.id}
              canConfirm={canConfirm}
              canFail={canFail}
              canRedo={canRedo}
              redoSlots={redoSlots}
              hasWorker={order.worker !== null}
              ruleFines={ruleFineText}
            />
          ) : null}
        </Card>

        {canReschedule || canCancel ? (
          <Card title={tOrders('staffChange.title')}>
            <p className="mb-3 text-sm text-slate-600">{tOrders('staffChange.help')}</p>
            <div className="flex flex-wrap items-start gap-2">
              {canReschedule ? (
                <RescheduleOrder
                  orderId={order.id}
                  action={staffRescheduleOrderAction}
                  booking={{
                    timeZone: tz,
                    bookableHours: settings.bookableHours,
                    bookingHorizonDays: settings.bookingHorizonDays,
                  }}
                  defaults={{
                    date: toDateString(order.scheduledStart, tz),
                    time: `${String(startWall.hour).padStart(2, '0')}:${String(startWall.minute).padStart(2, '0')}`,
                    today: toDateString(new Date(), tz),
                  }}
                />
              ) : null}
              {canCancel ? (
                <CancelOrder
                  orderId={order.id}
                  action={staffCancelOrderAction}
                  canWaive
                  policyText={tOrders('cancel.staffPolicy', {
                    lateFee: `${policy.lateFeeBp / 100}%`,
                    freeHours: policy.freeHours,
                    fullHours: policy.fullPriceHours,
                  })}
                  costText={tier === 'free' ? tOrders('cancel.free') : tOrders(`cancel.${tier}`, { fee: money(fee) })}
                />
              ) : null}
            </div>
          </Card>
        ) : null}

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
                · {format.dateTime(r.scheduledStart, { dateStyle: 'short', timeZone: tz })} · {t(`status.${r.status}`)}{' '}
                · {money(r.total)}
              </li>
            ))}
          </ul>
        </Card>

        <Card title={t('order.money')}>
          <div className="space-y-3">
            {lines(t('order.estimate'), order.estimateLines, order.estimateTotal)}
            {lines(t('order.finalPrice'), order.priceLines, order.priceTotal)}
            {lines(t('order.pay'), order.payLines, order.payTotal)}
            {order.cancellationFee > 0 ? (
              <p className="text-sm">{t('order.cancellationFee', { amount: money(order.cancellationFee) })}</p>
            ) : null}
          </div>
        </Card>

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
      </div>

      <Card title={tc('notes.title')}>
        <p className="mb-3 text-sm text-slate-600">
          {tc('notes.private')}{' '}
          <Link href={`/admin/clients/${order.client.id}`} className="text-emerald-800 underline">
            {tc('booking.openRecord')}
          </Link>
        </p>
        <StaffNotesList notes={notes} timeZone={tz} />
        <StaffNoteForm clientId={order.client.id} orders={[]} orderId={order.id} />
      </Card>

      <MatchingPanel orderId={order.id} />

      <BlockedWorkersPanel
        clientId={order.client.id}
        worker={order.worker ? { id: order.worker.id, name: order.worker.name } : null}
        timeZone={tz}
      />

      <Card title={t('order.timeline')}>
        <ol className="space-y-2 text-sm">
          {order.timeline.map((e) => (
            <li key={e.id} className="border-l-2 border-slate-200 pl-3">
              <span className="font-medium">{t.has(`events.${e.kind}`) ? t(`events.${e.kind}`) : e.kind}</span> ·{' '}
              {when(e.at)}
              {e.kind === 'created' && bookedBy(e.data)
                ? ` · ${bookedByText(e.data)}`
                : e.actorName
                  ? ` · ${e.actorName}`
                  : e.actorRole === null
                    ? ` · ${t('order.system')}`
                    : ''}
              {e.reason ? ` · ${reasonLabel(t, e.reason)}` : ''}
              {e.data.late === true ? ` · ${t('order.late', { minutes: Number(e.data.lateMinutes ?? 0) })}` : ''}
            </li>
          ))}
        </ol>
      </Card>

      <Card title={t('contacts.title')}>
        <ul className="mb-4 divide-y divide-slate-100 text-sm" data-testid="contact-log">
          {contacts.length === 0 ? <li className="text-slate-500">{t('contacts.empty')}</li> : null}
          {contacts.map((c) => (
            <li key={c.id} className="py-2">
              <span className="font-medium">{t(`contacts.kinds.${c.kind}`)}</span> ·{' '}
              {t.has(`contacts.outcomes.${c.outcome}`) ? t(`contacts.outcomes.${c.outcome}`) : c.outcome} · {when(c.at)}{' '}
              · {c.authorName}
              {c.subject ? <p className="font-medium">{c.subject}</p> : null}
              {c.body ? <p className="whitespace-pre-line text-slate-700">{c.body}</p> : null}
            </li>
          ))}
        </ul>
        <ContactForm orderId={order.id} orderNumber={order.number} clientName={order.client.name} />
      </Card>

      <Card title={t('forms.titleForOrder')}>
        <ul className="mb-4 space-y-2 text-sm" data-testid="quality-responses">
          {responses.map((r) => (
            <li key={r.id} className="rounded-lg border border-slate-200 p-2">
              <p className="font-medium">
                {locale === 'en' ? r.formNameEn : r.formNameRu} ·{' '}
                {r.scoreBp === null
                  ? t('forms.noScore')
                  : t('forms.score', { score: format.number(r.scoreBp / 100, { maximumFractionDigits: 1 }) })}{' '}
                · {when(r.at)} · {r.filledByName}
              </p>
              <ul className="text-slate-700">
                {r.questions.map((q) => {
                  const a = r.answers[q.code];
                  const shown =
                    a === null || a === undefined
                      ? '—'
                      : a === true
                        ? t('forms.yes')
                        : a === false
                          ? t('forms.no')
                          : q.kind === 'choice'
                            ? (q.options?.find((o) => o.code === a)?.[locale] ?? String(a))
                            : String(a);
                  return (
                    <li key={q.code}>
                      {locale === 'en' ? q.en : q.ru}: {shown}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ul>
        <FillQualityForm
          orderId={order.id}
          forms={forms.map((f) => ({ id: f.id, name: localized(f, locale), questions: f.questions }))}
        />
      </Card>
    </div>
  );
}
