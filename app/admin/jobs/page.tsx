import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { JobRunner } from '@/components/billing/job-runner';
import { JobCounts } from '@/components/billing/job-counts';
import { ListFilters } from '@/components/ui/list-filters';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listJobRuns, listJobs } from '@/lib/scheduler';
import { getSettings } from '@/lib/settings';
import { titleFrom } from '@/lib/i18n';
import { one } from '@/lib/quality/shared';

const runStatuses = ['running', 'partial', 'succeeded', 'failed'] as const;

export const generateMetadata = titleFrom('billing', 'jobs.title');

// Every run of the scheduled jobs, newest first, filtered by job and status and keyset-paged (the URL keeps both).
export default async function JobsPage({ searchParams }: PageProps<'/admin/jobs'>) {
  const actor = await requireRole('admin');
  const sp = await searchParams;
  const db = await getDb();
  const now = new Date();
  const jobDefs = listJobs().filter((j) => !j.name.startsWith('test_'));
  const job = jobDefs.some((j) => j.name === one(sp, 'job')) ? one(sp, 'job') : undefined;
  const status = runStatuses.find((s) => s === one(sp, 'status'));
  const [runs, settings] = await Promise.all([
    listJobRuns(db, actor, { job, status, cursor: one(sp, 'cursor') }),
    getSettings(db),
  ]);
  const jobs = jobDefs.map((j) => ({
    name: j.name,
    periodKind: j.periodKind,
    defaultPeriod: j.defaultPeriod(now, settings.timeZone),
  }));
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
        <div className="mb-4">
          <ListFilters
            fields={[
              {
                kind: 'select',
                name: 'job',
                label: t('jobs.job'),
                value: job,
                all: t('jobs.anyJob'),
                options: jobs.map((j) => ({ value: j.name, label: name(j.name) })),
              },
              {
                kind: 'select',
                name: 'status',
                label: t('statusLabel'),
                value: status,
                all: t('jobs.anyStatus'),
                options: runStatuses.map((s) => ({ value: s, label: t(`jobs.status.${s}`) })),
              },
            ]}
          />
        </div>
        {runs.items.length === 0 ? <Placeholder>{t('jobs.noRuns')}</Placeholder> : null}
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
              {runs.items.map((r) => (
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
        <ListPager page={runs} path="/admin/jobs" params={sp} />
      </Card>
    </div>
  );
}
