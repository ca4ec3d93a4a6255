'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { payrollStepAction } from '@/app/admin/finance/payroll/actions';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import type { PayrollStatus } from '@/db/schema/billing';

/** The run's next steps: recalculate / approve a draft, post the payouts of an approved run. */
export function PayrollActions({
  runId,
  status,
  currency,
}: {
  runId: string;
  status: PayrollStatus;
  currency: string;
}) {
  const format = useFormatter();
  const t = useTranslations('billing');
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();
  const [done, setDone] = useState<string>();
  const run = async (step: 'recalculate' | 'approve' | 'pay') => {
    setBusy(true);
    setMessage(undefined);
    setDone(undefined);
    const result = await payrollStepAction({ runId, step });
    setBusy(false);
    if (!result.ok) return setMessage(result.message);
    setDone(
      result.data
        ? t('payroll.payouts', {
            count: result.data.payouts,
            total: format.number(result.data.total / 100, { style: 'currency', currency }),
          })
        : t('payroll.done'),
    );
    router.refresh();
  };
  return (
    <div className="space-y-3">
      {status === 'draft' ? (
        <>
          <p className="text-sm text-slate-600">{t('payroll.recalculateHint')}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" disabled={busy} onClick={() => run('recalculate')}>
              {t('payroll.recalculate')}
            </Button>
            <Button type="button" disabled={busy} onClick={() => run('approve')}>
              {t('payroll.approve')}
            </Button>
          </div>
        </>
      ) : null}
      {status === 'approved' ? (
        <Button type="button" disabled={busy} onClick={() => run('pay')}>
          {t('payroll.markPaid')}
        </Button>
      ) : null}
      <FormMessage message={message} />
      {done ? <FormMessage tone="success" message={done} /> : null}
    </div>
  );
}
