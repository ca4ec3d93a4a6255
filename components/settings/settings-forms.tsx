'use client';
import { useState, useSyncExternalStore, type ReactNode } from 'react';
import { get, type Path } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { saveSettingsAction } from '@/app/admin/settings/actions';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FormMessage, SelectField, TextField, useErrorText } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import {
  sectionInputs,
  settingChoices,
  settingsSections,
  type SectionValues,
  type SettingsFormInput,
  type SettingsFormOutput,
  type SettingsSection,
} from '@/lib/settings/shared';

type Kind = 'text' | 'int' | 'decimal' | 'time' | 'timeZone' | 'choice' | 'checkbox';
/** A field (named by its setting path; labels and help under settings.fields.<path>) or a sub-heading. */
type Item = { field: Path<SettingsFormInput>; kind: Kind } | { heading: 'weights' | 'cancellation' | 'replan' };

const items: Record<SettingsSection, Item[]> = {
  company: [
    { field: 'companyName', kind: 'text' },
    { field: 'timeZone', kind: 'timeZone' },
  ],
  booking: [
    { field: 'bookableHours.from', kind: 'time' },
    { field: 'bookableHours.to', kind: 'time' },
    { field: 'bookingHorizonDays', kind: 'int' },
    { field: 'maxOpenOrdersPerClient', kind: 'int' },
  ],
  matching: [
    { field: 'matchingHorizonDays', kind: 'int' },
    { field: 'matchingUnmatchedAlertHours', kind: 'int' },
    { field: 'matchingTravelBufferMinutes', kind: 'int' },
    { field: 'matchingTravelBufferOtherZoneMinutes', kind: 'int' },
    { heading: 'weights' },
    { field: 'matchingWeights.travelPerKm', kind: 'decimal' },
    { field: 'matchingWeights.workload', kind: 'decimal' },
    { field: 'matchingWeights.quality', kind: 'decimal' },
    { field: 'matchingWeights.continuity', kind: 'decimal' },
    { field: 'matchingWeights.seniority', kind: 'decimal' },
    { heading: 'replan' },
    { field: 'matchingReplan.enabled', kind: 'checkbox' },
    { field: 'matchingReplan.minSaving', kind: 'decimal' },
    { field: 'matchingReplan.leadHours', kind: 'int' },
    { field: 'matchingReplan.days', kind: 'int' },
  ],
  pricing: [
    { field: 'gradeCoefficientsBp.junior', kind: 'decimal' },
    { field: 'gradeCoefficientsBp.standard', kind: 'decimal' },
    { field: 'gradeCoefficientsBp.senior', kind: 'decimal' },
    { field: 'priceCapPolicy', kind: 'choice' },
    { field: 'urgency.windowHours', kind: 'decimal' },
    { field: 'urgency.surchargeBp', kind: 'decimal' },
    { heading: 'cancellation' },
    { field: 'cancellationPolicy.freeHours', kind: 'decimal' },
    { field: 'cancellationPolicy.fullPriceHours', kind: 'decimal' },
    { field: 'cancellationPolicy.lateFeeBp', kind: 'decimal' },
    { field: 'cancellationPolicy.graceMinutes', kind: 'int' },
  ],
  workers: [
    { field: 'workerStartWindow.beforeMinutes', kind: 'int' },
    { field: 'workerStartWindow.lateGraceMinutes', kind: 'int' },
  ],
  notifications: [
    { field: 'notificationMaxAttempts', kind: 'int' },
    { field: 'notificationRetryBaseSeconds', kind: 'int' },
  ],
  billing: [
    { field: 'invoiceDueDays', kind: 'int' },
    { field: 'tipPresets', kind: 'text' },
    { field: 'tipMax', kind: 'decimal' },
  ],
  payments: [
    { field: 'paymentProvider', kind: 'choice' },
    { field: 'receiptVatCode', kind: 'choice' },
    { field: 'yookassaNotificationRanges', kind: 'text' },
    { field: 'autoCharge', kind: 'choice' },
    { field: 'autoChargeReviewHours', kind: 'int' },
    { field: 'autoChargeRetryDays', kind: 'text' },
  ],
  approvals: [{ field: 'moneyApprovalThreshold', kind: 'decimal' }],
  plans: [
    { field: 'planDiscountsBp.w1', kind: 'decimal' },
    { field: 'planDiscountsBp.w2', kind: 'decimal' },
    { field: 'planDiscountsBp.w4', kind: 'decimal' },
    { field: 'planDiscountFirstVisit', kind: 'choice' },
    { field: 'planHorizonDays', kind: 'int' },
    { field: 'companyHolidays', kind: 'text' },
  ],
  requisites: [
    { field: 'companyDetails.legalName', kind: 'text' },
    { field: 'companyDetails.address', kind: 'text' },
    { field: 'companyDetails.taxId', kind: 'int' },
    { field: 'companyDetails.kpp', kind: 'int' },
    { field: 'companyDetails.bankName', kind: 'text' },
    { field: 'companyDetails.bik', kind: 'int' },
    { field: 'companyDetails.account', kind: 'int' },
    { field: 'companyDetails.corrAccount', kind: 'int' },
  ],
  security: [
    { field: 'twoFactorRequired', kind: 'choice' },
    { field: 'staffSession.idleMinutes', kind: 'int' },
    { field: 'staffSession.maxHours', kind: 'int' },
  ],
};

const noSubscription = () => () => {};

type Props = {
  values: { [S in SettingsSection]: SectionValues<S> };
  currency: string;
  timeZones: string[];
  canEdit: boolean;
};

/** The settings page's sections, one card and one form each; a manager sees them disabled. */
export function SettingsForms({ values, currency, timeZones, canEdit }: Props) {
  const t = useTranslations('settings');
  return (
    <>
      {settingsSections.map((section) => (
        <Card key={section} title={t(`sections.${section}.title`)}>
          <div data-testid={`settings-${section}`}>
            <p className="mb-4 text-sm text-slate-600">{t(`sections.${section}.help`)}</p>
            <SectionForm section={section} values={values[section]} canEdit={canEdit} timeZones={timeZones}>
              {section === 'company' ? <CurrencyNote currency={currency} /> : null}
            </SectionForm>
          </div>
        </Card>
      ))}
    </>
  );
}

function CurrencyNote({ currency }: { currency: string }) {
  const t = useTranslations('settings');
  return (
    <div className="space-y-1 sm:col-span-2">
      <p className="text-sm font-medium text-slate-800">{t('currency.label')}</p>
      <p className="font-mono text-base text-slate-900" data-testid="settings-currency">
        {currency}
      </p>
      <p className="text-xs text-slate-500">{t('currency.help')}</p>
    </div>
  );
}

function SectionForm({
  section,
  values,
  canEdit,
  timeZones,
  children,
}: {
  section: SettingsSection;
  values: SectionValues<SettingsSection>;
  canEdit: boolean;
  timeZones: string[];
  children?: ReactNode;
}) {
  const t = useTranslations('settings');
  const errorText = useErrorText();
  const [saved, setSaved] = useState(false);
  // One form component for the seven sections: fields are addressed by their setting paths, and the section's
  // own schema (the one the server action parses again) validates them.
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm<SettingsFormInput, SettingsFormOutput, void>(
    sectionInputs[section],
    values,
    (_, f) => {
      setSaved(false);
      // The server re-parses the raw text with the same schema.
      return saveSettingsAction(f.getValues());
    },
    {
      onSuccess: () => {
        form.reset(form.getValues());
        setSaved(true);
      },
    },
  );
  const { isDirty } = form.formState;
  const errorOf = (path: string): string | undefined =>
    (get(errors, path) as { message?: string } | undefined)?.message;
  // Save stays disabled until the form is hydrated: before that a click would submit the page natively.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  return (
    <form noValidate onSubmit={onSubmit}>
      <fieldset
        disabled={!canEdit}
        className="grid gap-4 sm:grid-cols-2 [&_input:disabled]:bg-slate-50 [&_input:disabled]:text-slate-600 [&_select:disabled]:bg-slate-50 [&_select:disabled]:text-slate-600"
      >
        {items[section].map((item) => {
          if ('heading' in item) {
            return (
              <div key={item.heading} className="pt-2 sm:col-span-2">
                <h3 className="text-base font-semibold text-slate-900">{t(`sections.${item.heading}.title`)}</h3>
                <p className="text-sm text-slate-600">{t(`sections.${item.heading}.help`)}</p>
              </div>
            );
          }
          const label = t(`fields.${item.field}.label`);
          const hint = t(`fields.${item.field}.help`);
          const error = errorOf(item.field);
          if (item.kind === 'choice') {
            const choices = settingChoices[item.field as keyof typeof settingChoices];
            return (
              <SelectField key={item.field} label={label} hint={hint} error={error} {...form.register(item.field)}>
                {choices.map((c) => (
                  <option key={c} value={c}>
                    {t(`fields.${item.field}.options.${c}`)}
                  </option>
                ))}
              </SelectField>
            );
          }
          if (item.kind === 'checkbox') {
            return (
              <div key={item.field} className="space-y-1 sm:col-span-2">
                <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
                  <input
                    type="checkbox"
                    className="size-5"
                    defaultChecked={get(values, item.field) as boolean}
                    aria-describedby={`${section}-${item.field}-note`}
                    aria-invalid={error ? true : undefined}
                    {...form.register(item.field)}
                  />
                  {label}
                </label>
                {error ? (
                  <p id={`${section}-${item.field}-note`} className="text-sm text-rose-700" data-field-error>
                    {errorText(error)}
                  </p>
                ) : (
                  <p id={`${section}-${item.field}-note`} className="text-xs text-slate-500">
                    {hint}
                  </p>
                )}
              </div>
            );
          }
          if (item.kind === 'timeZone') {
            return (
              <SelectField
                key={item.field}
                label={label}
                hint={hint}
                error={error}
                defaultValue={get(values, item.field) as string}
                {...form.register(item.field)}
              >
                {timeZones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll('_', ' ')}
                  </option>
                ))}
              </SelectField>
            );
          }
          const input =
            item.kind === 'time'
              ? { type: 'time' }
              : item.kind === 'int'
                ? { inputMode: 'numeric' as const }
                : item.kind === 'decimal'
                  ? { inputMode: 'decimal' as const }
                  : { autoComplete: 'organization' };
          return (
            <TextField
              key={item.field}
              label={label}
              hint={hint}
              error={error}
              defaultValue={get(values, item.field) as string}
              {...input}
              {...form.register(item.field)}
            />
          );
        })}
        {children}
      </fieldset>
      {canEdit ? (
        <div className="mt-4 space-y-3">
          <FormMessage message={message} />
          {saved && !isDirty ? <FormMessage tone="success" message={t('saved')} /> : null}
          <Button type="submit" disabled={isSubmitting || !hydrated} className="w-full sm:w-auto">
            {isSubmitting ? t('saving') : t('save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
