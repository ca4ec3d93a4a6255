'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { updateWorkerAction } from '@/app/admin/workers/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import type { z } from 'zod';
import { useActionForm } from '@/components/use-action-form';
import { workerProfileInput } from '@/lib/workers/shared';

export function WorkerProfileForm({
  initial,
  skills,
  zones,
  payout,
}: {
  initial: z.input<typeof workerProfileInput>;
  /** The saved pay account, masked, and its БИК. */
  payout: { account: string | null; bik: string | null };
  skills: { code: string; label: string }[];
  zones: { id: string; name: string }[];
}) {
  const t = useTranslations('workers');
  const [saved, setSaved] = useState(false);
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    workerProfileInput,
    initial,
    (values) => {
      setSaved(false);
      return updateWorkerAction(values);
    },
    {
      onSuccess: () => {
        setSaved(true);
      },
      refresh: true,
    },
  );
  return (
    <form noValidate className="grid gap-4 sm:grid-cols-3" onSubmit={onSubmit}>
      <SelectField label={t('admin.grade')} error={errors.grade?.message} {...form.register('grade')}>
        {(['junior', 'standard', 'senior'] as const).map((g) => (
          <option key={g} value={g}>
            {t(`grades.${g}`)}
          </option>
        ))}
      </SelectField>
      <TextField label={t('admin.phone')} type="tel" error={errors.phone?.message} {...form.register('phone')} />
      <TextField
        label={t('admin.hoursTargetLabel')}
        type="number"
        inputMode="numeric"
        error={errors.weeklyHoursTarget?.message}
        {...form.register('weeklyHoursTarget')}
      />
      <TextField
        label={t('admin.bankAccount')}
        inputMode="numeric"
        autoComplete="off"
        hint={payout.account ? t('admin.bankAccountSaved', { account: payout.account }) : t('admin.bankAccountNone')}
        error={errors.bankAccount?.message}
        {...form.register('bankAccount')}
      />
      <TextField
        label={t('admin.bankBik')}
        inputMode="numeric"
        autoComplete="off"
        hint={payout.bik ? t('admin.bankBikSaved', { bik: payout.bik }) : undefined}
        error={errors.bankBik?.message}
        {...form.register('bankBik')}
      />
      <fieldset className="sm:col-span-3">
        <legend className="mb-1 text-sm font-medium">{t('admin.skills')}</legend>
        <div className="flex flex-wrap gap-2">
          {skills.map((s) => (
            <label key={s.code} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-200 px-3">
              <input
                type="checkbox"
                value={s.code}
                className="size-5 accent-emerald-700"
                {...form.register('skills')}
              />
              {s.label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="sm:col-span-3">
        <legend className="mb-1 text-sm font-medium">{t('admin.zones')}</legend>
        <div className="flex flex-wrap gap-2">
          {zones.map((z) => (
            <label key={z.id} className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-200 px-3">
              <input type="checkbox" value={z.id} className="size-5 accent-emerald-700" {...form.register('zoneIds')} />
              {z.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="space-y-2 sm:col-span-3">
        <FormMessage message={message} />
        {saved ? <FormMessage tone="success" message={t('saved')} /> : null}
        <Button type="submit" disabled={isSubmitting}>
          {t('admin.saveProfile')}
        </Button>
      </div>
    </form>
  );
}
