'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useWatch } from 'react-hook-form';
import { useTranslations } from 'next-intl';
import { confirmOrderAction, failOrderAction, redoOrderAction } from '@/app/admin/orders/actions';
import { failInput, failureDefaults, failureReasons, redoInput, type FailureReason } from '@/lib/quality/shared';
import { useActionForm } from '@/components/use-action-form';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';

type RedoSlot = { date: string; time: string; label: string; freeWorkers: number };

/** The re-do's date and time: a proposed slot with a free worker (the first one preselected), or typed in. */
function RedoForm({
  orderId,
  slots,
  onCancel,
  onDone,
}: {
  orderId: string;
  slots: RedoSlot[];
  onCancel: () => void;
  onDone: () => void;
}) {
  const t = useTranslations('quality');
  const first = slots[0];
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    redoInput,
    { orderId, date: first?.date ?? '', time: first?.time ?? '' },
    (values) => redoOrderAction(values),
    { onSuccess: onDone },
  );
  const [date, time] = useWatch({ control: form.control, name: ['date', 'time'] });
  return (
    <form
      noValidate
      onSubmit={onSubmit}
      className="grid gap-3 rounded-lg border border-emerald-200 bg-emerald-50/40 p-3 sm:grid-cols-2"
      data-testid="redo-form"
    >
      {slots.length ? (
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium">{t('outcome.redoSlots')}</legend>
          <div className="flex flex-wrap gap-2">
            {slots.map((s) => (
              <label
                key={`${s.date}T${s.time}`}
                className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-200 bg-white px-3"
              >
                <input
                  type="radio"
                  name="redo-slot"
                  className="size-5 accent-emerald-700"
                  checked={date === s.date && time === s.time}
                  onChange={() => {
                    form.setValue('date', s.date);
                    form.setValue('time', s.time);
                  }}
                />
                <span>
                  {s.label} · {t('outcome.freeWorkers', { count: s.freeWorkers })}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="text-sm text-amber-800 sm:col-span-2" data-testid="redo-no-slot">
          {t('outcome.redoNoSlot')}
        </p>
      )}
      <TextField label={t('outcome.redoDate')} type="date" error={errors.date?.message} {...form.register('date')} />
      <TextField
        label={t('outcome.redoTime')}
        type="time"
        step={1800}
        error={errors.time?.message}
        {...form.register('time')}
      />
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={message} />
        <div className="flex gap-2">
          <Button type="submit" disabled={isSubmitting}>
            {t('outcome.redoSubmit')}
          </Button>
          <Button type="button" variant="ghost" onClick={onCancel}>
            {t('cancel')}
          </Button>
        </div>
      </div>
    </form>
  );
}

/** What a manager can do with the order's outcome: confirm a completed order, mark it failed, order a free re-do. */
export function OutcomePanel({
  orderId,
  canConfirm,
  canFail,
  canRedo,
  hasWorker,
  ruleFines,
  redoSlots = [],
}: {
  orderId: string;
  canConfirm: boolean;
  canFail: boolean;
  canRedo: boolean;
  hasWorker: boolean;
  /** Per failure reason, the fine its penalty rule gives this order's worker (formatted), or null: no rule. */
  ruleFines: Record<string, string | null>;
  /** Proposed re-do slots (a worker is free), soonest first, with their labels in the page's language. */
  redoSlots?: RedoSlot[];
}) {
  const t = useTranslations('quality');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [done, setDone] = useState<string>();
  const [failing, setFailing] = useState(false);
  const [redoing, setRedoing] = useState(false);
  // One message line serves the buttons and the failure form.
  const { form, errors, isSubmitting, message, setMessage, onSubmit } = useActionForm(
    failInput,
    { orderId, reasonCode: 'poor_quality', note: '', chargeClient: false, fineWorker: hasWorker, penaltyAmount: '' },
    (_, f) => failOrderAction(f.getValues()),
    {
      onSuccess: () => {
        setFailing(false);
        setDone(t('outcome.failedDone'));
      },
      refresh: true,
    },
  );
  const ruleFine = ruleFines[useWatch({ control: form.control, name: 'reasonCode' })] ?? null;

  const simple = (fn: () => Promise<{ ok: boolean; message?: string }>, ok: string) =>
    start(async () => {
      setMessage(undefined);
      const result = await fn();
      if (!result.ok) return setMessage(result.message);
      setDone(ok);
      router.refresh();
    });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {canConfirm ? (
          <Button
            type="button"
            disabled={pending}
            onClick={() => simple(() => confirmOrderAction({ orderId }), t('outcome.confirmed'))}
          >
            {t('outcome.confirm')}
          </Button>
        ) : null}
        {canFail && !failing ? (
          <Button type="button" variant="danger" onClick={() => setFailing(true)}>
            {t('outcome.markFailed')}
          </Button>
        ) : null}
        {canRedo && !redoing ? (
          <Button type="button" variant="secondary" onClick={() => setRedoing(true)}>
            {t('outcome.redo')}
          </Button>
        ) : null}
      </div>
      {redoing ? (
        <RedoForm
          orderId={orderId}
          slots={redoSlots}
          onCancel={() => setRedoing(false)}
          onDone={() => {
            setRedoing(false);
            setDone(t('outcome.redoCreated'));
            router.refresh();
          }}
        />
      ) : null}
      {failing ? (
        <form
          noValidate
          className="grid gap-3 rounded-lg border border-rose-200 bg-rose-50/40 p-3 sm:grid-cols-2"
          onSubmit={onSubmit}
        >
          <SelectField
            label={t('outcome.reason')}
            error={errors.reasonCode?.message}
            {...form.register('reasonCode', {
              onChange: (e: { target: { value: string } }) => {
                const d = failureDefaults[e.target.value as FailureReason];
                if (d) {
                  form.setValue('chargeClient', d.chargeClient);
                  // No rule for the reason: "fine the worker" stays on so that an amount typed below applies;
                  // left empty, nothing is fined (and the form says so).
                  form.setValue('fineWorker', hasWorker && (d.fineWorker || !ruleFines[e.target.value]));
                }
              },
            })}
          >
            {failureReasons.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('outcome.penaltyAmount')}
            hint={ruleFine ? t('outcome.penaltyHint') : t('outcome.penaltyHintNoRule')}
            inputMode="decimal"
            disabled={!hasWorker}
            error={errors.penaltyAmount?.message}
            {...form.register('penaltyAmount')}
          />
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" className="size-5" {...form.register('chargeClient')} />
            <span>{t('outcome.chargeClient')}</span>
          </label>
          {ruleFine && hasWorker ? (
            <label className="flex min-h-11 items-center gap-2">
              <input type="checkbox" className="size-5" {...form.register('fineWorker')} />
              <span data-testid="rule-fine">{t('outcome.fineWorkerByRule', { amount: ruleFine })}</span>
            </label>
          ) : (
            <p className="flex min-h-11 items-center text-sm text-slate-600" data-testid="no-rule-fine">
              {hasWorker ? t('outcome.noRuleNoFine') : t('outcome.noWorkerNoFine')}
            </p>
          )}
          <div className="sm:col-span-2">
            <TextAreaField label={t('outcome.note')} rows={2} error={errors.note?.message} {...form.register('note')} />
          </div>
          <div className="flex gap-2 sm:col-span-2">
            <Button type="submit" variant="danger" disabled={isSubmitting}>
              {t('outcome.submitFailed')}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setFailing(false)}>
              {t('cancel')}
            </Button>
          </div>
        </form>
      ) : null}
      <FormMessage message={message} />
      <FormMessage tone="success" message={done} />
    </div>
  );
}
