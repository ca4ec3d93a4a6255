import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { JobRunner } from '@/components/billing/job-runner';
import { JobCounts } from '@/components/billing/job-counts';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listJobRuns, listJobs } from '@/lib/scheduler';
import { getSettings } from '@/lib/settings';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'jobs.title');

export default async function JobsPage() {
  const actor = await requireRole('admin');
  const db = await getDb();
  const [runs, settings] = await Promise.all([listJobRuns(db, actor, { limit: 200 }), getSettings(db)]);
  const now = new Date();
  const jobs = listJobs()
    .filter((j) => !j.name.startsWith('test_'))
    .map((j) => ({ name: j.name, periodKind: j.periodKind, defaultPeriod: j.defaultPeriod(now, settings.timeZone) }));
  const t = await getTranslations('billing');
  const format = await getFormatter();
  const name = (job: string) => (t.has(`jobs.names.${job}`) ? t(`jobs.names.${job}`) : job);
  return (
    <div className="space-y-4">
      <PageTitle>{t('jobs.title')}</PageTitle>
      <Card title={t('jobs.runNow')}>
        <JobRunner jobs={jobs} currency={settings.currency} />
      </Card>
      <Card title={t('jobs.history')}>
        {runs.length === 0 ? <Placeholder>{t('jobs.noRuns')}</Placeholder> : null}
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-2">{t('jobs.job')}</th>
                <th>{t('jobs.period')}</th>
                <th>{t('statusLabel')}</th>
                <th>{t('jobs.started')}</th>
                <th>{t('jobs.finishedAt')}</th>
                <th>{t('jobs.counts')}</th>
                <th>{t('jobs.source')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {runs.map((r) => (
                <tr key={r.id} data-testid={`job-run-${r.job}-${r.period}`}>
                  <td className="py-2">{name(r.job)}</td>
                  <td>{r.period}</td>
                  <td>
                    <StatusBadge status={r.status} label={t(`jobs.status.${r.status}`)} />
                    {r.error ? (
                      <p className="max-w-xs truncate text-xs text-rose-700" title={r.error}>
                        {r.error}
                      </p>
                    ) : null}
                  </td>
                  <td>{format.dateTime(r.startedAt, { dateStyle: 'short', timeStyle: 'medium' })}</td>
                  <td>
                    {r.finishedAt ? format.dateTime(r.finishedAt, { dateStyle: 'short', timeStyle: 'medium' }) : '—'}
                  </td>
                  <td className="text-xs text-slate-600">
                    <JobCounts counts={r.counts} currency={settings.currency} /> ({r.chunks})
                  </td>
                  <td className="text-xs">{r.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
