'use client';
import { useFieldArray, useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { saveQualityFormAction } from '@/app/admin/quality/actions';
import { formTemplateInput } from '@/lib/quality/shared';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { unnested } from '@/components/form-errors';
import { useRecordForm } from '@/components/use-action-form';
import { FieldRows } from '@/components/ui/field-rows';

type In = z.input<typeof formTemplateInput>;

const blank: In = {
  nameRu: '',
  nameEn: '',
  purpose: 'follow_up',
  serviceId: '',
  questions: [{ code: 'q1', kind: 'score', ru: '', en: '', required: true, optionsText: '' }],
};

/** Admins build a quality-check form: questions of four kinds, each required or not. */
export function FormBuilder({
  id,
  defaults,
  services,
}: {
  id?: string;
  defaults?: In;
  services: { id: string; label: string }[];
}) {
  const t = useTranslations('quality');
  const { form, errors, isSubmitting, message, onSubmit, bind, saved } = useRecordForm(
    formTemplateInput,
    defaults ?? blank,
    async (raw) => unnested(await saveQualityFormAction({ id: id ?? null, form: raw }), 'form'),
    { isNew: !id, href: (created) => `/admin/quality/forms/${created}`, fixErrors: 'quality.fixErrors' },
  );
  const questions = useFieldArray({ control: form.control, name: 'questions' });
  const purpose = useWatch({ control: form.control, name: 'purpose' });
  const kinds = useWatch({ control: form.control, name: 'questions' });
  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('builder.nameRu')} error={errors.nameRu?.message} {...form.register('nameRu')} />
        <TextField label={t('builder.nameEn')} error={errors.nameEn?.message} {...form.register('nameEn')} />
        <SelectField label={t('builder.purpose')} {...form.register('purpose')}>
          <option value="follow_up">{t('builder.purposes.follow_up')}</option>
          <option value="service">{t('builder.purposes.service')}</option>
        </SelectField>
        {purpose === 'service' ? (
          <SelectField label={t('builder.service')} error={errors.serviceId?.message} {...form.register('serviceId')}>
            <option value="">{t('builder.anyService')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
      <FieldRows
        legend={t('builder.questions')}
        rows={questions.fields}
        columns="sm:grid-cols-4"
        testId={(i) => `builder-question-${i}`}
        addLabel={t('builder.addQuestion')}
        onAdd={() =>
          questions.append({
            code: `q${questions.fields.length + 1}`,
            kind: 'yes_no',
            ru: '',
            en: '',
            required: false,
            optionsText: '',
          })
        }
        row={(_, i) => (
          <>
            <TextField label={t('builder.code')} {...bind(`questions.${i}.code`)} />
            <SelectField label={t('builder.kind')} {...form.register(`questions.${i}.kind`)}>
              {(['yes_no', 'score', 'choice', 'text'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`builder.kinds.${k}`)}
                </option>
              ))}
            </SelectField>
            <TextField label={t('builder.textRu')} {...bind(`questions.${i}.ru`)} />
            <TextField label={t('builder.textEn')} {...bind(`questions.${i}.en`)} />
            {kinds?.[i]?.kind === 'choice' ? (
              <div className="sm:col-span-4">
                <TextAreaField
                  label={t('builder.options')}
                  hint={t('builder.optionsHint')}
                  rows={3}
                  error={errors.questions?.[i]?.optionsText?.message}
                  {...form.register(`questions.${i}.optionsText`)}
                />
              </div>
            ) : null}
            <label className="flex min-h-11 items-center gap-2">
              <input type="checkbox" className="size-5" {...form.register(`questions.${i}.required`)} />
              {t('builder.required')}
            </label>
            <div className="flex items-center gap-1 sm:col-span-3 sm:justify-end">
              <Button
                type="button"
                variant="ghost"
                disabled={i === 0}
                onClick={() => questions.move(i, i - 1)}
                aria-label={t('builder.up')}
              >
                ↑
              </Button>
              <Button type="button" variant="ghost" onClick={() => questions.remove(i)}>
                {t('builder.remove')}
              </Button>
            </div>
          </>
        )}
      >
        {errors.questions?.message ? <p className="text-sm text-rose-700">{t('errors.noQuestions')}</p> : null}
      </FieldRows>
      <FormMessage message={message} />
      {saved ? <FormMessage tone="success" message={t('builder.saved')} /> : null}
      <Button type="submit" disabled={isSubmitting}>
        {id ? t('builder.save') : t('builder.create')}
      </Button>
    </form>
  );
}
