'use client';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { grades, pricingUnits, serviceInput } from '@/lib/catalog/shared';
import { createServiceAction, updateServiceAction } from '@/app/admin/services/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { unnested } from '@/components/form-errors';
import { useRecordForm } from '@/components/use-action-form';
import { FieldRows } from '@/components/ui/field-rows';

type In = z.input<typeof serviceInput>;

const empty: In = {
  code: '',
  nameRu: '',
  nameEn: '',
  descriptionRu: '',
  descriptionEn: '',
  skill: 'cleaning',
  pricingUnit: 'per_m2',
  unitPrice: '',
  minPrice: '0',
  bathroomPrice: '0',
  baseMinutes: 60,
  minutesPerUnit: 0,
  minGrade: 'junior',
  active: true,
  extras: [],
  checklist: [],
};

export function ServiceForm({ id, defaults }: { id?: string; defaults?: In }) {
  const t = useTranslations('catalog');
  const { form, errors, isSubmitting, message, onSubmit, bind, saved } = useRecordForm(
    serviceInput,
    defaults ?? empty,
    async (raw) =>
      unnested(id ? await updateServiceAction({ id, service: raw }) : await createServiceAction(raw), 'service'),
    { isNew: !id, href: (created) => `/admin/services/${created}`, fixErrors: 'catalog.fixErrors' },
  );
  const extras = useFieldArray({ control: form.control, name: 'extras' });
  const checklist = useFieldArray({ control: form.control, name: 'checklist' });
  const hourly = useWatch({ control: form.control, name: 'pricingUnit' }) === 'per_hour';
  const number = (
    name: 'unitPrice' | 'minPrice' | 'bathroomPrice' | 'baseMinutes' | 'minutesPerUnit',
    inputMode: 'decimal' | 'numeric' = 'decimal',
  ) => <TextField label={t(name)} inputMode={inputMode} error={errors[name]?.message} {...form.register(name)} />;

  return (
    <form noValidate className="space-y-6" onSubmit={onSubmit}>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">{t('sectionGeneral')}</legend>
        <TextField label={t('nameRu')} error={errors.nameRu?.message} {...form.register('nameRu')} />
        <TextField label={t('nameEn')} error={errors.nameEn?.message} {...form.register('nameEn')} />
        <TextAreaField
          label={t('descriptionRu')}
          rows={3}
          error={errors.descriptionRu?.message}
          {...form.register('descriptionRu')}
        />
        <TextAreaField
          label={t('descriptionEn')}
          rows={3}
          error={errors.descriptionEn?.message}
          {...form.register('descriptionEn')}
        />
        <TextField label={t('code')} hint={t('codeHint')} error={errors.code?.message} {...form.register('code')} />
        <TextField label={t('skill')} hint={t('skillHint')} error={errors.skill?.message} {...form.register('skill')} />
        <SelectField label={t('minGrade')} error={errors.minGrade?.message} {...form.register('minGrade')}>
          {grades.map((g) => (
            <option key={g} value={g}>
              {t(`grade.${g}`)}
            </option>
          ))}
        </SelectField>
        <label className="flex min-h-11 items-center gap-2 self-end">
          <input type="checkbox" className="size-5" {...form.register('active')} />
          <span>{t('active')}</span>
        </label>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-semibold">{t('sectionPricing')}</legend>
        <SelectField
          label={t('pricingUnit')}
          error={errors.pricingUnit?.message}
          {...form.register('pricingUnit', {
            onChange: (e: { target: { value: string } }) => {
              // An hourly service has no duration of its own: clear what the other units used.
              if (e.target.value === 'per_hour') {
                form.setValue('baseMinutes', 0);
                form.setValue('minutesPerUnit', 0);
              }
            },
          })}
        >
          {pricingUnits.map((u) => (
            <option key={u} value={u}>
              {t(`unit.${u}`)}
            </option>
          ))}
        </SelectField>
        {number('unitPrice')}
        {number('minPrice')}
        {number('bathroomPrice')}
        {hourly ? (
          // An hourly job lasts the hours the client books: no base or per-unit minutes to set.
          <p className="text-sm text-slate-600 sm:col-span-2" data-testid="hourly-duration-note">
            {t('hourlyDuration')}
          </p>
        ) : (
          <>
            {number('baseMinutes', 'numeric')}
            {number('minutesPerUnit')}
          </>
        )}
      </fieldset>

      <FieldRows
        legend={t('sectionExtras')}
        rows={extras.fields}
        columns="sm:grid-cols-5"
        testId={(i) => `extra-${i}`}
        addLabel={t('addExtra')}
        onAdd={() =>
          extras.append({ code: `extra-${extras.fields.length + 1}`, nameRu: '', nameEn: '', price: '', minutes: 0 })
        }
        row={(_, i) => (
          <>
            <TextField label={t('code')} {...bind(`extras.${i}.code`)} />
            <TextField label={t('nameRu')} {...bind(`extras.${i}.nameRu`)} />
            <TextField label={t('nameEn')} {...bind(`extras.${i}.nameEn`)} />
            <TextField label={t('extraPrice')} inputMode="decimal" {...bind(`extras.${i}.price`)} />
            <div className="flex items-end gap-2">
              <TextField label={t('extraMinutes')} inputMode="numeric" {...bind(`extras.${i}.minutes`)} />
              <Button type="button" variant="ghost" onClick={() => extras.remove(i)} aria-label={t('remove')}>
                ✕
              </Button>
            </div>
          </>
        )}
      />

      <FieldRows
        legend={t('sectionChecklist')}
        rows={checklist.fields}
        columns="sm:grid-cols-4"
        testId={(i) => `checklist-${i}`}
        addLabel={t('addChecklistItem')}
        onAdd={() => checklist.append({ code: `item-${checklist.fields.length + 1}`, ru: '', en: '' })}
        row={(_, i) => (
          <>
            <TextField label={t('code')} {...bind(`checklist.${i}.code`)} />
            <TextField label={t('checkRu')} {...bind(`checklist.${i}.ru`)} />
            <TextField label={t('checkEn')} {...bind(`checklist.${i}.en`)} />
            <div className="flex items-end">
              <Button type="button" variant="ghost" onClick={() => checklist.remove(i)} aria-label={t('remove')}>
                ✕
              </Button>
            </div>
          </>
        )}
      />

      <div className="space-y-3">
        <FormMessage message={message} />
        {saved ? <FormMessage tone="success" message={t('saved')} /> : null}
        <Button type="submit" disabled={isSubmitting}>
          {id ? t('save') : t('create')}
        </Button>
      </div>
    </form>
  );
}
