'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import {
  changePlanAction,
  endPlanAction,
  holidayRuleAction,
  pausePlanAction,
  resumePlanAction,
} from '@/app/(client)/plans/actions';

export type PlanActionSet = {
  end: typeof endPlanAction;
  pause: typeof pausePlanAction;
  resume: typeof resumePlanAction;
  change: typeof changePlanAction;
  holidays: typeof holidayRuleAction;
};
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { holidayRuleInput, pauseInput } from '@/lib/plans/shared';
import { PlanChangeForm, type PlanChangeData } from './plan-change-form';

/** Pause for a date range, or end the plan (after a confirmation that says what ending does). */
export function PlanActions({
  planId,
  today,
  paused,
  repeat,
  time,
  planBase,
  holidayRule,
  changeData,
  actions = {
    end: endPlanAction,
    pause: pausePlanAction,
    resume: resumePlanAction,
    change: changePlanAction,
    holidays: holidayRuleAction,
  },
}: {
  planId: string;
  today: string;
  paused: boolean;
  repeat: 'w1' | 'w2' | 'w4';
  time: string;
  holidayRule: 'skip' | 'move';
  /** The plan's service, zone and options for the change form (null: time and frequency only). */
  changeData: PlanChangeData | null;
  /** Where a plan's page lives for this reader ('/plans/' or '/admin/plans/'): a change lands on the new plan. */
  planBase: string;
  /** Staff pass their own actions (on the client's behalf, audited). */
  actions?: PlanActionSet;
}) {
  const t = useTranslations('plans');
  const [ending, setEnding] = useState(false);
  const [pausing, setPausing] = useState(false);
  const [changing, setChanging] = useState(false);
  const [holidaysOpen, setHolidaysOpen] = useState(false);
  const to = useTranslations('orders');
  const holidays = useActionForm(holidayRuleInput, { planId, holidayRule }, actions.holidays, {
    onSuccess: () => setHolidaysOpen(false),
    refresh: true,
  });
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    pauseInput,
    { planId, from: today, until: today },
    actions.pause,
    { onSuccess: () => setPausing(false), refresh: true },
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {paused ? (
          <ActionButton variant="secondary" run={() => actions.resume({ planId })}>
            {t('resume')}
          </ActionButton>
        ) : null}
        {!pausing ? (
          <Button variant="secondary" onClick={() => setPausing(true)}>
            {t('pause')}
          </Button>
        ) : null}
        {!changing ? (
          <Button variant="secondary" onClick={() => setChanging(true)}>
            {t('change')}
          </Button>
        ) : null}
        {!holidaysOpen ? (
          <Button variant="secondary" onClick={() => setHolidaysOpen(true)}>
            {t('holidays')}
          </Button>
        ) : null}
        {!ending ? (
          <Button variant="danger" onClick={() => setEnding(true)}>
            {t('end')}
          </Button>
        ) : null}
      </div>
      {pausing ? (
        <form
          noValidate
          onSubmit={onSubmit}
          className="grid gap-3 rounded-xl border border-slate-200 p-3 sm:grid-cols-2"
        >
          <TextField
            label={t('pauseFrom')}
            type="date"
            min={today}
            error={errors.from?.message}
            {...form.register('from')}
          />
          <TextField
            label={t('pauseUntil')}
            type="date"
            min={today}
            error={errors.until?.message}
            {...form.register('until')}
          />
          <div className="space-y-2 sm:col-span-2">
            <FormMessage message={message} />
            <Button type="submit" disabled={isSubmitting}>
              {t('pauseSubmit')}
            </Button>
          </div>
        </form>
      ) : null}
      {changing ? (
        <PlanChangeForm
          planId={planId}
          today={today}
          time={time}
          repeat={repeat}
          data={changeData}
          submit={actions.change}
          planBase={planBase}
          onDone={() => setChanging(false)}
        />
      ) : null}
      {holidaysOpen ? (
        <form
          noValidate
          onSubmit={holidays.onSubmit}
          className="grid gap-3 rounded-xl border border-slate-200 p-3"
          data-testid="plan-holidays"
        >
          <p className="text-sm text-slate-600">{t('holidaysHint')}</p>
          <SelectField
            label={to('form.holidayRule')}
            error={holidays.errors.holidayRule?.message}
            {...holidays.form.register('holidayRule')}
          >
            <option value="skip">{to('form.holidayRules.skip')}</option>
            <option value="move">{to('form.holidayRules.move')}</option>
          </SelectField>
          <div className="space-y-2">
            <FormMessage message={holidays.message} />
            <Button type="submit" disabled={holidays.isSubmitting}>
              {t('holidaysSubmit')}
            </Button>
          </div>
        </form>
      ) : null}
      {ending ? (
        <div
          role="alertdialog"
          aria-label={t('end')}
          className="space-y-2 rounded-xl border border-rose-200 bg-rose-50/40 p-3"
        >
          <p className="text-sm">{t('endConfirm')}</p>
          <div className="flex gap-2">
            <ActionButton variant="danger" run={() => actions.end({ planId })}>
              {t('endSubmit')}
            </ActionButton>
            <Button variant="ghost" onClick={() => setEnding(false)}>
              {t('keep')}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
