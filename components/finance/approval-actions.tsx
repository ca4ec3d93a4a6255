'use client';
import { useId, useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { approveMoneyAction, rejectMoneyAction } from '@/app/admin/finance/actions';
import { Button } from '@/components/ui/button';
import { ActionButton } from '@/components/ui/action-button';
import { useErrorText } from '@/components/ui/field';

/** An admin's approve button, and reject with a note the requesting manager will read. */
export function ApprovalActions({ approvalId }: { approvalId: string }) {
  const t = useTranslations('finance.approvals');
  const errorText = useErrorText();
  const noteId = useId();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  if (!rejecting)
    return (
      <div className="flex flex-wrap items-center justify-end gap-2">
        <ActionButton variant="primary" className="min-h-11 px-4" run={() => approveMoneyAction({ approvalId })}>
          {t('approve')}
        </ActionButton>
        <Button type="button" variant="secondary" className="min-h-11 px-4" onClick={() => setRejecting(true)}>
          {t('reject')}
        </Button>
      </div>
    );
  return (
    <form
      className="flex w-full flex-wrap items-end gap-2 sm:w-auto"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await rejectMoneyAction({ approvalId, note });
          if (result.ok) setRejecting(false);
          else setError(result.fields.note ?? result.message);
        });
      }}
    >
      <label htmlFor={noteId} className="flex w-full flex-col gap-1 text-xs text-slate-600 sm:w-64">
        {t('note')}
        <input
          id={noteId}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          className="min-h-11 rounded-lg border border-slate-300 px-3 text-sm"
          aria-invalid={error ? true : undefined}
          required
          minLength={3}
          autoFocus
        />
      </label>
      <Button type="submit" variant="danger" className="min-h-11 px-4" disabled={pending}>
        {t('confirmReject')}
      </Button>
      <Button type="button" variant="ghost" className="min-h-11 px-4" onClick={() => setRejecting(false)}>
        {t('cancel')}
      </Button>
      {error ? (
        <span role="alert" className="w-full text-sm text-rose-700">
          {errorText(error)}
        </span>
      ) : null}
    </form>
  );
}
