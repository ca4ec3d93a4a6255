'use client';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { runJobInput } from '@/lib/scheduler/shared';
import { runJobAction } from '@/app/admin/jobs/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { JobCounts } from './job-counts';
import { useActionForm } from '@/components/use-action-form';

type JobOption = { name: string; periodKind: 'week' | 'month' | 'day'; defaultPeriod: string };

/**
 * Runs a job for a chosen period in budgeted slices (one server action call each), showing the chunks and
 * counts after every slice, until the run is done, failed, or found already done.
 */
export function JobRunner({ jobs, currency }: { jobs: JobOption[]; currency: string }) {
  const t = useTranslations('billing');
  const [progress, setProgress] = useState<{
    chunks: number;
    counts: Record<string, number>;
    outcome?: string;
    error?: string | null;
  }>();
  // A run is called slice after slice until it is finished; the last answer is the form's result.
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    runJobInput,
    { job: jobs[0]?.name ?? '', period: jobs[0]?.defaultPeriod ?? '' },
    async (values) => {
      setProgress({ chunks: 0, counts: {} });
      for (;;) {
        const result = await runJobAction(values);
        if (!result.ok) {
          setProgress(undefined);
          return result;
        }
        const d = result.data!;
        const finished = d.outcome !== 'partial';
        setProgress({ chunks: d.chunks, counts: d.counts, outcome: finished ? d.outcome : undefined, error: d.error });
        if (finished) return result;
      }
    },
    { refresh: true },
  );
  const jobName = useWatch({ control: form.control, name: 'job' });
  const selected = jobs.find((j) => j.name === jobName);
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-3" onSubmit={onSubmit}>
      <SelectField
        label={t('jobs.job')}
        {...form.register('job', {
          onChange: (e: { target: { value: string } }) => {
            const job = jobs.find((j) => j.name === e.target.value);
            if (job) form.setValue('period', job.defaultPeriod);
          },
        })}
      >
        {jobs.map((j) => (
          <option key={j.name} value={j.name}>
            {t.has(`jobs.names.${j.name}`) ? t(`jobs.names.${j.name}`) : j.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('jobs.period')}
        hint={selected ? t(`jobs.periodHint.${selected.periodKind}`) : undefined}
        error={errors.period?.message}
        {...form.register('period')}
      />
      <div className="flex items-end">
        <Button type="submit" disabled={isSubmitting}>
          {t('jobs.start')}
        </Button>
      </div>
      <div className="space-y-2 sm:col-span-3" aria-live="polite">
        <FormMessage message={message} />
        {progress ? (
          <div role="status" className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="job-progress">
            <p>
              {progress.outcome
                ? t('jobs.finished', { outcome: t(`jobs.outcome.${progress.outcome}`) })
                : t('jobs.running', { chunks: progress.chunks })}
            </p>
            {Object.keys(progress.counts).length ? (
              <p className="text-slate-600">
                <JobCounts counts={progress.counts} currency={currency} />
              </p>
            ) : null}
            {progress.error ? <p className="text-rose-700">{progress.error}</p> : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
