'use client';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { logContactAction } from '@/app/admin/orders/actions';
import { contactInput, contactKinds, contactOutcomes } from '@/lib/quality/shared';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

const outcomesFor: Record<(typeof contactKinds)[number], readonly (typeof contactOutcomes)[number][]> = {
  call: ['reached', 'no_answer', 'voicemail', 'resolved', 'follow_up'],
  email: ['sent'],
  note: ['info', 'resolved', 'follow_up'],
};

/** Log a call, send an email (through the notifications outbox) or write a note, with its outcome and time. */
const templates = ['followup', 'apology', 'redo'] as const;

export function ContactForm({
  orderId,
  orderNumber,
  clientName,
}: {
  orderId: string;
  orderNumber: string;
  clientName: string;
}) {
  const t = useTranslations('quality');
  const [saved, setSaved] = useState(false);
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    contactInput,
    { orderId, kind: 'call', outcome: 'reached', subject: '', body: '', at: '' },
    (_, f) => {
      setSaved(false);
      const raw = f.getValues();
      // The browser's local time becomes an absolute instant before it leaves the page.
      return logContactAction({ ...raw, at: raw.at ? new Date(raw.at).toISOString() : '' });
    },
    {
      onSuccess: (_, { kind }) => {
        setSaved(true);
        form.reset({ orderId, kind, outcome: outcomesFor[kind][0], subject: '', body: '', at: '' });
      },
      refresh: true,
    },
  );
  const kind = useWatch({ control: form.control, name: 'kind' });
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-3" onSubmit={onSubmit}>
      <SelectField
        label={t('contacts.kind')}
        {...form.register('kind', {
          onChange: (e: { target: { value: keyof typeof outcomesFor } }) =>
            form.setValue('outcome', outcomesFor[e.target.value][0]),
        })}
      >
        {contactKinds.map((k) => (
          <option key={k} value={k}>
            {t(`contacts.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('contacts.outcome')} error={errors.outcome?.message} {...form.register('outcome')}>
        {outcomesFor[kind ?? 'call'].map((o) => (
          <option key={o} value={o}>
            {t(`contacts.outcomes.${o}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('contacts.at')}
        type="datetime-local"
        hint={t('contacts.atHint')}
        error={errors.at?.message}
        {...form.register('at')}
      />
      {kind === 'email' ? (
        <div className="space-y-3 sm:col-span-3">
          <label className="block space-y-1 text-sm font-medium">
            <span>{t('contacts.template')}</span>
            <select
              className="block min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3"
              defaultValue=""
              onChange={(e) => {
                const key = e.target.value as (typeof templates)[number] | '';
                if (!key) return;
                // A template only fills the fields: the manager edits the text before sending.
                form.setValue('subject', t(`contacts.templates.${key}.subject`, { number: orderNumber }));
                form.setValue('body', t(`contacts.templates.${key}.body`, { number: orderNumber, name: clientName }));
              }}
            >
              <option value="">{t('contacts.freeText')}</option>
              {templates.map((k) => (
                <option key={k} value={k}>
                  {t(`contacts.templates.${k}.label`)}
                </option>
              ))}
            </select>
          </label>
          <TextField label={t('contacts.subject')} error={errors.subject?.message} {...form.register('subject')} />
        </div>
      ) : null}
      <div className="sm:col-span-3">
        <TextAreaField
          label={kind === 'email' ? t('contacts.emailBody') : t('contacts.body')}
          rows={3}
          error={errors.body?.message}
          {...form.register('body')}
        />
      </div>
      <div className="space-y-2 sm:col-span-3">
        <FormMessage message={message} />
        {saved ? <FormMessage tone="success" message={t('contacts.saved')} /> : null}
        <Button type="submit" disabled={isSubmitting}>
          {kind === 'email' ? t('contacts.send') : t('contacts.save')}
        </Button>
      </div>
    </form>
  );
}
