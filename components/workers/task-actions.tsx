'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { declineTaskAction, finishTaskAction, startTaskAction } from '@/app/worker/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextAreaField } from '@/components/ui/field';
import type { OrderStatus } from '@/db/schema/orders';
import { declineReasonCodes, type DeclineReasonCode } from '@/lib/workers/shared';

type Item = { code: string; label: string };

/** Start, finish (with the checklist) and decline, as big one-thumb buttons. */
export function TaskActions({
  orderId,
  status,
  checklist,
}: {
  orderId: string;
  status: OrderStatus;
  checklist: Item[];
}) {
  const t = useTranslations('workers');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [ticked, setTicked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [declining, setDeclining] = useState(false);
  const [reasonCode, setReasonCode] = useState<DeclineReasonCode | ''>('');
  const [declineNote, setDeclineNote] = useState('');

  const run = (fn: () => Promise<{ ok: true; data?: unknown } | { ok: false; message: string }>, done: string) =>
    start(async () => {
      setError(undefined);
      setNotice(undefined);
      const r = await fn();
      if (!r.ok) setError(r.message);
      else setNotice(done);
      router.refresh();
    });

  const allTicked = checklist.every((c) => ticked.includes(c.code));
  const big = 'w-full min-h-14 text-base';

  return (
    <div className="space-y-4">
      <FormMessage message={error} />
      <FormMessage message={notice} tone="success" />
      {status === 'assigned' ? (
        <>
          <Button
            type="button"
            className={big}
            disabled={pending}
            onClick={() => run(() => startTaskAction({ orderId }), t('started'))}
          >
            {t('start')}
          </Button>
          {!declining ? (
            <Button type="button" variant="secondary" className={big} onClick={() => setDeclining(true)}>
              {t('decline')}
            </Button>
          ) : (
            <form
              className="space-y-3 rounded-xl border border-rose-200 bg-rose-50 p-4"
              onSubmit={(e) => {
                e.preventDefault();
                if (!reasonCode) return setError('workers.errors.reasonRequired');
                start(async () => {
                  setError(undefined);
                  const r = await declineTaskAction({ orderId, reasonCode, note: declineNote || undefined });
                  if (!r.ok) return setError(r.message);
                  // The task is no longer the worker's to open: back to the list, which confirms the decline.
                  router.push('/worker?declined=1');
                });
              }}
            >
              <SelectField
                label={t('declineReason')}
                value={reasonCode}
                onChange={(e) => setReasonCode(e.target.value as DeclineReasonCode)}
              >
                <option value="">{t('chooseReason')}</option>
                {declineReasonCodes.map((code) => (
                  <option key={code} value={code}>
                    {t(`declineReasons.${code}`)}
                  </option>
                ))}
              </SelectField>
              <TextAreaField
                label={t('declineNote')}
                value={declineNote}
                onChange={(e) => setDeclineNote(e.target.value)}
                rows={2}
              />
              <Button type="submit" variant="danger" className={big} disabled={pending}>
                {t('confirmDecline')}
              </Button>
            </form>
          )}
        </>
      ) : null}
      {status === 'in_progress' || (status === 'assigned' && checklist.length > 0) ? (
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            run(() => finishTaskAction({ orderId, ticked, note: note || undefined }), t('finished'));
          }}
        >
          <fieldset className="rounded-xl border border-slate-200 bg-white p-2">
            <legend className="px-2 text-lg font-semibold">{t('checklist')}</legend>
            {checklist.map((c) => (
              <label
                key={c.code}
                className="flex min-h-14 cursor-pointer items-center gap-3 rounded-lg px-2 active:bg-slate-50"
              >
                <input
                  type="checkbox"
                  className="size-6 accent-emerald-700"
                  disabled={status !== 'in_progress'}
                  checked={ticked.includes(c.code)}
                  onChange={(e) =>
                    setTicked((xs) => (e.target.checked ? [...xs, c.code] : xs.filter((x) => x !== c.code)))
                  }
                />
                <span className="text-base">{c.label}</span>
              </label>
            ))}
          </fieldset>
          {status === 'in_progress' ? (
            <>
              <TextAreaField label={t('finishNote')} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
              {!allTicked ? <p className="text-sm text-slate-600">{t('tickAll')}</p> : null}
              <Button type="submit" className={big} disabled={pending || !allTicked}>
                {t('finish')}
              </Button>
            </>
          ) : null}
        </form>
      ) : null}
    </div>
  );
}
