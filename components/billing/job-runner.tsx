'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { runJobInput } from '@/lib/scheduler/shared';
import { runJobAction } from '@/app/admin/jobs/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { JobCounts } from './job-counts';
import { applyServerErrors } from '@/components/form-errors';

type JobOption = { name: string; periodKind: 'week' | 'month' | 'day'; defaultPeriod: string };

/**
 * Runs a job for a chosen period in budgeted slices (one server action call each), showing the chunks and
 * counts after every slice, until the run is done, failed, or found already done.
 */
export function JobRunner({ jobs, currency }: { jobs: JobOption[]; currency: string }) {
  const t = useTranslations('billing');
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [progress, setProgress] = useState<{
    chunks: number;
    counts: Record<string, number>;
    outcome?: string;
    error?: string | null;
  }>();
  const form = useForm<z.input<typeof runJobInput>, unknown, z.output<typeof runJobInput>>({
    resolver: zodResolver(runJobInput),
    defaultValues: { job: jobs[0]?.name ?? '', period: jobs[0]?.defaultPeriod ?? '' },
  });
  const jobName = useWatch({ control: form.control, name: 'job' });
  const selected = jobs.find((j) => j.name === jobName);
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="grid gap-3 sm:grid-cols-3"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        setProgress({ chunks: 0, counts: {} });
        for (;;) {
          const result = await runJobAction(values);
          if (!result.ok) {
            setProgress(undefined);
            return setMessage(applyServerErrors(form, result));
          }
          const d = result.data!;
          const finished = d.outcome !== 'partial';
          setProgress({
            chunks: d.chunks,
            counts: d.counts,
            outcome: finished ? d.outcome : undefined,
            error: d.error,
          });
          if (finished) break;
        }
        router.refresh();
      })}
    >
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
