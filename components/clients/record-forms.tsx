'use client';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import {
  addPreferredAction,
  addStaffNoteAction,
  archiveStaffNoteAction,
  removePreferredAction,
} from '@/app/admin/clients/actions';
import { blockWorkerAction } from '@/app/admin/dispatch/actions';
import { useActionForm } from '@/components/use-action-form';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { preferredWorkerInput, staffNoteInput } from '@/lib/clients/shared';
import { blockWorkerInput } from '@/lib/matching/shared';

type Option = { id: string; label: string };

/**
 * A staff note on the client: permanent (travels to every order) or one-off for one of the client's orders.
 * With `orderId` (the order page) it is a one-off note for that order.
 */
export function StaffNoteForm({ clientId, orders, orderId }: { clientId: string; orders: Option[]; orderId?: string }) {
  const t = useTranslations('clients.notes');
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    staffNoteInput,
    { clientId, kind: orderId ? 'one_off' : 'permanent', orderId: orderId ?? '', body: '' },
    (values) => addStaffNoteAction(values),
    { onSuccess: () => form.reset(), refresh: true },
  );
  const kind = form.watch('kind');
  return (
    <form noValidate onSubmit={onSubmit} className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2">
      {orderId ? null : (
        <SelectField label={t('kind')} {...form.register('kind')}>
          <option value="permanent">{t('kinds.permanent')}</option>
          <option value="one_off">{t('kinds.one_off')}</option>
        </SelectField>
      )}
      {!orderId && kind === 'one_off' ? (
        <SelectField label={t('order')} error={errors.orderId?.message} {...form.register('orderId')}>
          <option value="">{t('chooseOrder')}</option>
          {orders.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </SelectField>
      ) : null}
      <div className="sm:col-span-2">
        <TextAreaField
          label={t('body')}
          hint={t('hint')}
          rows={2}
          error={errors.body?.message}
          {...form.register('body')}
        />
      </div>
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={message} />
        <Button type="submit" variant="secondary" disabled={isSubmitting}>
          {t('add')}
        </Button>
      </div>
    </form>
  );
}

export function ArchiveNoteButton({ noteId }: { noteId: string }) {
  const t = useTranslations('clients.notes');
  return (
    <ActionButton variant="ghost" run={() => archiveStaffNoteAction({ noteId })}>
      {t('remove')}
    </ActionButton>
  );
}

/** Ask for a worker again (preferred), with a note. */
export function PreferWorkerForm({ clientId, workers }: { clientId: string; workers: Option[] }) {
  const t = useTranslations('clients.workers');
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    preferredWorkerInput,
    { clientId, workerId: '', note: '' },
    (values) => addPreferredAction(values),
    { onSuccess: () => form.reset(), refresh: true },
  );
  return (
    <WorkerWithText
      testId="prefer-form"
      workers={workers}
      onSubmit={onSubmit}
      worker={{ error: errors.workerId?.message, ...form.register('workerId') }}
      text={<TextField label={t('note')} error={errors.note?.message} {...form.register('note')} />}
      message={message}
      busy={isSubmitting}
      submitLabel={t('prefer')}
    />
  );
}

/** The worker picker, a text beside it and the submit button: preferring and blocking a worker look alike. */
function WorkerWithText({
  testId,
  workers,
  onSubmit,
  worker,
  text,
  message,
  busy,
  submitLabel,
}: {
  testId: string;
  workers: Option[];
  onSubmit: () => void;
  worker: { error?: string } & ComponentProps<'select'>;
  text: ReactNode;
  message?: string;
  busy: boolean;
  submitLabel: string;
}) {
  const t = useTranslations('clients.workers');
  return (
    <form noValidate onSubmit={onSubmit} className="mt-3 grid gap-3 sm:grid-cols-2" data-testid={testId}>
      <SelectField label={t('worker')} {...worker}>
        <option value="">{t('chooseWorker')}</option>
        {workers.map((w) => (
          <option key={w.id} value={w.id}>
            {w.label}
          </option>
        ))}
      </SelectField>
      {text}
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={message} />
        <Button type="submit" variant="secondary" disabled={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function RemovePreferredButton({ clientId, workerId }: { clientId: string; workerId: string }) {
  const t = useTranslations('clients.workers');
  return (
    <ActionButton variant="ghost" run={() => removePreferredAction({ clientId, workerId })}>
      {t('remove')}
    </ActionButton>
  );
}

/** Block any worker for the client (the same block, rules and audit as on the order page), with a reason. */
export function BlockAnyWorkerForm({ clientId, workers }: { clientId: string; workers: Option[] }) {
  const t = useTranslations('clients.workers');
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    blockWorkerInput,
    { clientId, workerId: '', reason: '' },
    (values) => blockWorkerAction(values),
    { onSuccess: () => form.reset(), refresh: true },
  );
  return (
    <WorkerWithText
      testId="block-form"
      workers={workers}
      onSubmit={onSubmit}
      worker={{ error: errors.workerId?.message, ...form.register('workerId') }}
      text={<TextField label={t('reason')} error={errors.reason?.message} {...form.register('reason')} />}
      message={message}
      busy={isSubmitting}
      submitLabel={t('block')}
    />
  );
}
