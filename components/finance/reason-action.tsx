'use client';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { reverseAction, waiveAction } from '@/app/admin/finance/actions';
import { Button } from '@/components/ui/button';
import { useErrorText } from '@/components/ui/field';

/** A button that asks for a reason, then reverses an entry (admin) or waives a fine (manager). */
export function ReasonAction({ mode, id }: { mode: 'reverse' | 'waive'; id: string }) {
  const t = useTranslations('finance');
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  if (!open)
    return (
      <Button type="button" variant="secondary" className="min-h-9 px-3 py-1" onClick={() => setOpen(true)}>
        {mode === 'reverse' ? t('admin.reverse') : t('admin.waive')}
      </Button>
    );
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result =
            mode === 'reverse'
              ? await reverseAction({ entryId: id, reason })
              : await waiveAction({ adjustmentId: id, reason });
          if (result.ok) setOpen(false);
          else setError(result.fields.reason ?? result.message);
        });
      }}
    >
      <input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label={t('admin.reason')}
        placeholder={t('admin.reason')}
        className="min-h-9 flex-1 rounded-lg border border-slate-300 px-2"
        required
        minLength={3}
      />
      <Button type="submit" variant="danger" className="min-h-9 px-3 py-1" disabled={pending}>
        {mode === 'reverse' ? t('admin.confirmReverse') : t('admin.confirmWaive')}
      </Button>
      {error ? <span className="text-sm text-rose-700">{errorText(error)}</span> : null}
    </form>
  );
}
