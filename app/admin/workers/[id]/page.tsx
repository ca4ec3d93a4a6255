import { toDateString } from '@/lib/time';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { IssueSupplyForm } from '@/components/supplies/issue-form';
import { ScheduleForm } from '@/components/workers/schedule-form';
import { dayRows } from '@/components/workers/schedule-view';
import { RemoveTimeOffButton, TimeOffForm } from '@/components/workers/time-off-form';
import { WorkerActiveButton } from '@/components/workers/worker-active-button';
import { WorkerProfileForm } from '@/components/workers/worker-profile-form';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import { requireRole } from '@/lib/session';
import { listZones } from '@/lib/settings';
import { listHoldings, listSupplies } from '@/lib/supplies';
import { getSchedule, getWorker, listSkillCodes, listWorkerTasks, workerPayoutAccount } from '@/lib/workers';
import { pageLocale, localized, titleFrom } from '@/lib/i18n';
import { skillNames } from '@/lib/catalog';

export const generateMetadata = titleFrom('common', 'roles.worker');

export default async function AdminWorkerPage({ params }: PageProps<'/admin/workers/[id]'>) {
  const actor = await requireRole('manager', 'admin');
  const { id } = await params;
  const db = await getDb();
  const worker = await orNotFound(id, () => getWorker(db, actor, id));
  const locale = await pageLocale();
  const [schedule, tasks, holdings, supplies, zones, skills, payout] = await Promise.all([
    getSchedule(db, actor, id),
    listWorkerTasks(db, actor, id),
    listHoldings(db, actor, id),
    listSupplies(db, actor, { activeOnly: true }),
    listZones(db, locale),
    listSkillCodes(db),
    workerPayoutAccount(db, actor, id),
  ]);
  const names = await skillNames(db);
  const t = await getTranslations('workers');
  const ts = await getTranslations('supplies');
  const format = await getFormatter();
  const day = (d: string) =>
    format.dateTime(new Date(`${d}T12:00:00Z`), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const taskList = (rows: typeof tasks.upcoming) =>
    rows.length === 0 ? (
      <p className="text-slate-500">{t('noTasks')}</p>
    ) : (
      <ul className="divide-y divide-slate-100 text-sm">
        {rows.map((o) => (
          <li key={o.id} className="flex flex-wrap justify-between gap-2 py-2">
            <span>
              {format.dateTime(o.scheduledStart, { dateStyle: 'medium', timeStyle: 'short' })} · {o.service[locale]} ·{' '}
              {o.address}
            </span>
            <span className="text-slate-500">
              {o.number} · {t(`status.${o.status}`)}
            </span>
          </li>
        ))}
      </ul>
    );
  return (
    <div className="space-y-6">
      <Link href="/admin/workers" className="text-emerald-800">
        ← {t('admin.title')}
      </Link>
      <PageTitle actions={<WorkerActiveButton workerId={worker.id} active={worker.active} />}>
        {worker.name}{' '}
        {!worker.active ? <span className="ml-2 rounded bg-slate-200 px-2 text-sm">{t('admin.inactive')}</span> : null}
      </PageTitle>
      <p className="text-slate-600">{worker.email}</p>
      <Card title={t('admin.profile')}>
        <WorkerProfileForm
          initial={{
            workerId: worker.id,
            grade: worker.grade,
            phone: worker.phone ?? '',
            weeklyHoursTarget: worker.weeklyHoursTarget,
            skills: worker.skills,
            zoneIds: worker.zoneIds,
            bankAccount: '',
            bankBik: '',
          }}
          payout={payout}
          skills={[...new Set([...skills, ...worker.skills])].map((code) => ({
            code,
            label: names.get(code)?.[locale] ?? code,
          }))}
          zones={zones.map((z) => ({ id: z.id, name: z.name }))}
        />
        <p className="mt-3 text-sm text-slate-500">{t('admin.payRatesNote')}</p>
      </Card>
      <Card title={t('weeklyHours')}>
        <ScheduleForm workerId={worker.id} days={dayRows(schedule)} />
      </Card>
      <Card title={t('timeOff')}>
        <ul className="mb-4 divide-y divide-slate-100">
          {schedule.timeOff.length === 0 ? <li className="py-2 text-slate-500">{t('noTimeOff')}</li> : null}
          {schedule.timeOff.map((o) => (
            <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                {day(o.fromDate)}
                {o.toDate !== o.fromDate ? ` – ${day(o.toDate)}` : ''}
                {o.reason ? ` · ${o.reason}` : ''}
              </span>
              <RemoveTimeOffButton workerId={worker.id} timeOffId={o.id} />
            </li>
          ))}
        </ul>
        <TimeOffForm workerId={worker.id} today={toDateString(new Date(), schedule.timeZone)} />
      </Card>
      <Card title={t('admin.upcoming')}>{taskList(tasks.upcoming)}</Card>
      <Card title={t('admin.recent')}>{taskList(tasks.recent)}</Card>
      <Card title={ts('holdingsTitleStaff')}>
        {holdings.length === 0 ? <p className="mb-3 text-slate-500">{ts('noHoldings')}</p> : null}
        <ul className="mb-4 divide-y divide-slate-100 text-sm">
          {holdings.map((h) => (
            <li key={h.supplyId} className="flex justify-between py-2">
              <span>{h.supply[locale]}</span>
              <span className={h.quantity < 0 ? 'font-medium text-rose-700' : ''}>
                {h.quantity} {h.unit[locale]}
              </span>
            </li>
          ))}
        </ul>
        <IssueSupplyForm
          workerId={worker.id}
          supplies={supplies.map((s) => ({
            id: s.id,
            label: `${localized(s, locale)} (${s.stock} ${s.unit[locale]})`,
          }))}
        />
      </Card>
    </div>
  );
}
