'use client';
import { useTranslations } from 'next-intl';
import { cancelOrderAction } from '@/app/(client)/orders/actions';
import { OpeningForm, useOpeningForm } from '@/components/ui/opening-form';
import { SelectField, TextAreaField } from '@/components/ui/field';
import { cancelInput, cancellationReasonCodes } from '@/lib/orders/shared';

/** The cancel panel: the policy and what cancelling now costs are shown before the client confirms. */
export function CancelOrder({
  orderId,
  policyText,
  costText,
  action = cancelOrderAction,
  canWaive = false,
}: {
  orderId: string;
  policyText: string;
  costText: string;
  /** Staff cancel through their own action, on the client's behalf. */
  action?: typeof cancelOrderAction;
  /** Staff may waive the fee, with a reason. */
  canWaive?: boolean;
}) {
  const t = useTranslations('orders');
  const { form, errors, panel } = useOpeningForm(
    cancelInput,
    { orderId, reasonCode: undefined, comment: '', waiveFee: false, waiveReason: '' },
    action,
  );
  return (
    <OpeningForm
      {...panel}
      openLabel={t('cancel.open')}
      title={t('cancel.title')}
      className="border-rose-200 bg-rose-50/40"
      submitLabel={t('cancel.confirm')}
      submitVariant="danger"
      closeLabel={t('cancel.keep')}
    >
      <p className="text-sm text-slate-700">{policyText}</p>
      <p className="text-sm font-medium text-slate-900" data-testid="cancel-cost">
        {costText}
      </p>
      <SelectField
        label={t('cancel.reason')}
        error={errors.reasonCode?.message}
        defaultValue=""
        {...form.register('reasonCode')}
      >
        <option value="" disabled>
          {t('cancel.chooseReason')}
        </option>
        {cancellationReasonCodes.map((code) => (
          <option key={code} value={code}>
            {t(`cancel.reasons.${code}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('cancel.comment')}
        rows={2}
        error={errors.comment?.message}
        {...form.register('comment')}
      />
      {canWaive ? (
        <>
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="size-5" {...form.register('waiveFee')} />
            <span>{t('cancel.waiveFee')}</span>
          </label>
          <TextAreaField
            label={t('cancel.waiveReason')}
            rows={2}
            error={errors.waiveReason?.message}
            {...form.register('waiveReason')}
          />
        </>
      ) : null}
    </OpeningForm>
  );
}
