import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import type { PayslipDetailDto } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { pageLocale } from '@/lib/i18n';

/** A payslip with every line: orders' pay, fines, supply charges, bonuses, and the totals. */
export async function PayslipView({ payslip: p }: { payslip: PayslipDetailDto }) {
  const t = await getTranslations('billing');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (v: number) => formatMoney(v, p.currency, locale);
  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">{p.workerName}</p>
        <StatusBadge status={p.status} label={t(`payroll.status.${p.status}`)} />
      </div>
      <ul className="divide-y divide-slate-100 text-sm">
        {p.lines.map((l, i) => (
          <li
            key={`${l.kind}-${i}`}
            className="flex justify-between gap-2 py-2"
            data-testid="payslip-line"
            data-kind={l.kind}
          >
            <span>
              {format.dateTime(l.occurredAt, { dateStyle: 'medium' })} · {t(`payslips.lineKind.${l.kind}`)}
              {l.label ? ` · ${l.label}` : ''}
            </span>
            <span className={`tabular-nums ${l.amount < 0 ? 'text-rose-700' : ''}`}>{money(l.amount)}</span>
          </li>
        ))}
      </ul>
      <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm tabular-nums">
        <div className="flex justify-between">
          <dt>{t('payroll.earnings')}</dt>
          <dd>{money(p.earnings)}</dd>
        </div>
        <div className="flex justify-between">
          <dt>{t('payroll.deductions')}</dt>
          <dd>−{money(p.deductions)}</dd>
        </div>
        <div className="flex justify-between">
          <dt>{t('payroll.bonuses')}</dt>
          <dd>{money(p.bonuses)}</dd>
        </div>
        {p.tips > 0 ? (
          <div className="flex justify-between">
            <dt>{t('payroll.tips')}</dt>
            <dd data-testid="payslip-tips">{money(p.tips)}</dd>
          </div>
        ) : null}
        <div className="flex justify-between font-semibold">
          <dt>{t('payroll.net')}</dt>
          <dd data-testid="payslip-net">{money(p.net)}</dd>
        </div>
      </dl>
    </Card>
  );
}
