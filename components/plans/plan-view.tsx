import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { PlanActions, type PlanActionSet } from '@/components/plans/plan-actions';
import { planChangeData } from '@/components/plans/plan-change-props';
import { getDb } from '@/db';
import { formatMoney } from '@/lib/money';
import type { PlanDto, PlanVisitDto } from '@/lib/plans';
import { getSettings } from '@/lib/settings';
import { toDateString } from '@/lib/time';
import { pageLocale } from '@/lib/i18n';

/** A plan for its client or for staff: schedule, regular cleaner, visits (linked per reader), skipped dates, actions. */
export async function PlanView({
  plan,
  visitHref,
  planBase,
  actions,
}: {
  plan: PlanDto;
  visitHref: (orderId: string) => string;
  /** Where a plan's page lives for this reader: '/plans/' or '/admin/plans/'. */
  planBase: string;
  /** Staff pass theirs (on the client's behalf); the client's own are the default. */
  actions?: PlanActionSet;
}) {
  const db = await getDb();
  const settings = await getSettings(db);
  const t = await getTranslations('plans');
  const to = await getTranslations('orders');
  const format = await getFormatter();
  const locale = await pageLocale();
  const tz = settings.timeZone;
  const day = (s: string) => format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const weekday = format.dateTime(new Date(`${plan.firstDate}T12:00:00Z`), { weekday: 'long', timeZone: 'UTC' });
  const visit = (v: PlanVisitDto) => (
    <li key={v.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="plan-visit">
      <Link href={visitHref(v.id)} className="text-emerald-800 underline">
        {format.dateTime(v.scheduledStart, { dateStyle: 'full', timeStyle: 'short', timeZone: tz })}
      </Link>
      <span className="flex items-center gap-2 text-sm">
        <StatusBadge status={v.status} label={to(`status.${v.status}`)} />
        <span className="tabular-nums">{formatMoney(v.total, plan.currency, locale)}</span>
      </span>
    </li>
  );
  return (
    <div className="space-y-4">
      <PageTitle>{t('title')}</PageTitle>
      <Card>
        <p className="font-medium" data-testid="plan-schedule">
          {t('schedule', {
            every: t(`every.${plan.frequencyWeeks}`),
            weekday,
            time: plan.time,
            from: day(plan.firstDate),
          })}{' '}
          · {plan.untilDate ? t('until', { date: day(plan.untilDate) }) : t('openEnded')}
        </p>
        <p className="text-sm text-slate-600">{plan.address}</p>
        <p className="text-sm text-slate-600" data-testid="plan-holiday-rule">
          {t('holidaysNow', { rule: to(`form.holidayRules.${plan.holidayRule}`) })}
        </p>
        <p className="text-sm text-slate-600">
          {plan.regularWorkerFirstName ? t('regular', { name: plan.regularWorkerFirstName }) : t('noRegular')}
        </p>
        {plan.nextPlanId ? (
          <p className="text-sm">
            <Link href={`${planBase}${plan.nextPlanId}`} className="text-emerald-800 underline" data-testid="next-plan">
              {t('changedTo')}
            </Link>
          </p>
        ) : null}
        {plan.previousPlanId ? (
          <p className="text-sm">
            <Link href={`${planBase}${plan.previousPlanId}`} className="text-emerald-800 underline">
              {t('changedFrom')}
            </Link>
          </p>
        ) : null}
        <p className="text-sm text-slate-600" data-testid="plan-status">
          {t(`status.${plan.status}`)}
          {plan.pausedFrom && plan.pausedUntil
            ? ` · ${t('paused', { from: day(plan.pausedFrom), until: day(plan.pausedUntil) })}`
            : ''}
        </p>
      </Card>
      <Card title={t('upcoming')}>
        {plan.upcoming.length === 0 ? <p className="text-sm text-slate-500">{t('none')}</p> : null}
        <ul className="divide-y divide-slate-100" data-testid="plan-upcoming">
          {plan.upcoming.map(visit)}
        </ul>
        <p className="mt-2 text-xs text-slate-500">{t('skipHint')}</p>
      </Card>
      {plan.skips.length ? (
        <Card title={t('skipped')}>
          <ul className="text-sm" data-testid="plan-skips">
            {plan.skips.map((s) => (
              <li key={s.date}>
                {day(s.date)} — {t.has(`skipReasons.${s.reason}`) ? t(`skipReasons.${s.reason}`) : s.reason}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t('past')}>
        {plan.past.length === 0 ? <p className="text-sm text-slate-500">{t('none')}</p> : null}
        <ul className="divide-y divide-slate-100">{plan.past.map(visit)}</ul>
      </Card>
      {plan.status !== 'ended' ? (
        <PlanActions
          planId={plan.id}
          today={toDateString(new Date(), tz)}
          paused={plan.pausedFrom !== null}
          repeat={plan.frequencyWeeks === 1 ? 'w1' : plan.frequencyWeeks === 2 ? 'w2' : 'w4'}
          time={plan.time}
          holidayRule={plan.holidayRule}
          changeData={await planChangeData(db, plan, locale)}
          planBase={planBase}
          actions={actions}
        />
      ) : (
        <p className="text-sm text-slate-600">{t('ended')}</p>
      )}
    </div>
  );
}
