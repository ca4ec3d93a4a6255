import { cache } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { AssignForm } from '@/components/matching/assign-form';
import { Explanations } from '@/components/matching/explanations';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import { requireRole } from '@/lib/session';
import { explanationFacts, listExplanations, rankWorkersForOrder } from '@/lib/matching';
import { formatMoney } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { pageLocale } from '@/lib/i18n';

// The page and its title load the same record, once per request.
const loadRanking = cache(async (orderId: string) => {
  await connection();
  const actor = await requireRole('manager', 'admin');
  const db = await getDb();
  return orNotFound(orderId, () => rankWorkersForOrder(db, actor, orderId));
});

export async function generateMetadata({ params }: PageProps<'/admin/dispatch/[orderId]'>): Promise<Metadata> {
  const record = await loadRanking((await params).orderId);
  const t = await getTranslations('matching');
  return { title: t('orderTitle', { number: record.order.number }) };
}

export default async function DispatchOrderPage({ params }: PageProps<'/admin/dispatch/[orderId]'>) {
  await connection();
  const actor = await requireRole('manager', 'admin');
  const { orderId } = await params;
  const db = await getDb();
  const { order, candidates } = await loadRanking(orderId);
  const explanations = await listExplanations(db, actor, orderId);
  const settings = await getSettings(db);
  const t = await getTranslations('matching');
  const format = await getFormatter();
  const ru = (await pageLocale()) === 'ru';
  const assignable = order.status === 'pending' || order.status === 'assigned';
  return (
    <div className="space-y-6">
      <PageTitle>{t('orderTitle', { number: order.number })}</PageTitle>
      <Card>
        <p className="font-medium">
          {ru ? order.serviceRu : order.serviceEn} · {ru ? order.zoneRu : order.zoneEn}
        </p>
        <p className="text-sm text-slate-600">
          {format.dateTimeRange(order.start, order.end, {
            dateStyle: 'medium',
            timeStyle: 'short',
            timeZone: settings.timeZone,
          })}
        </p>
        <p className="text-sm text-slate-600">{t('status', { status: t(`orderStatus.${order.status}`) })}</p>
        <p className="text-sm text-slate-900" data-testid="current-worker">
          {order.workerName ? t('currentWorker', { name: order.workerName }) : t('noWorker')}
        </p>
      </Card>
      <Card title={t('whyTitle')}>
        <Explanations items={explanations} />
      </Card>
      <Card title={t('candidatesTitle')}>
        <p className="mb-3 text-sm text-slate-500">{t('candidatesHint')}</p>
        <ul className="divide-y divide-slate-100">
          {candidates.map((c) => (
            <li key={c.workerId} className="py-3" data-testid={`candidate-${c.name}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium">
                  {c.name} <span className="text-sm font-normal text-slate-500">· {t(`grades.${c.grade}`)}</span>
                </p>
                <p className="text-sm text-slate-600">
                  {t('cost', {
                    cost: format.number(c.terms.total, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
                  })}
                </p>
              </div>
              <p className="text-sm text-slate-600">
                {explanationFacts(c.terms)
                  .map((f) => t(`facts.${f.key}`, f.values))
                  .join(', ')}
              </p>
              {/* What the client would pay with this worker; a change from today's price is spelled out. */}
              <p className="text-sm text-slate-700" data-testid="candidate-price">
                {c.price === order.price
                  ? t('priceSame', { price: formatMoney(c.price, order.currency, ru ? 'ru' : 'en') })
                  : t('priceChange', {
                      from: formatMoney(order.price, order.currency, ru ? 'ru' : 'en'),
                      to: formatMoney(c.price, order.currency, ru ? 'ru' : 'en'),
                    })}
                {c.overCap ? ` · ${t('overCap')}` : ''}
              </p>
              <p className={`text-sm ${c.eligible ? 'text-emerald-700' : 'text-rose-700'}`}>
                {c.current ? `${t('current')} · ` : ''}
                {c.eligible ? t('eligible') : c.reasons.map((r) => t(`reasons.${r}`)).join(', ')}
              </p>
              {assignable && !c.current ? (
                c.eligible || c.overridable ? (
                  <AssignForm
                    orderId={order.id}
                    workerId={c.workerId}
                    workerName={c.name}
                    needsReason={!c.eligible}
                    reassign={order.status === 'assigned'}
                  />
                ) : (
                  <p className="mt-1 text-xs text-slate-500">{t('cannotAssign')}</p>
                )
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
      <Link href="/admin/dispatch" className="text-emerald-700 underline">
        {t('backToBoard')}
      </Link>
    </div>
  );
}
