import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status-badge';
import { sellerLines, transferLines, type InvoiceDetailDto } from '@/lib/finance';
import { reasonWords } from '@/lib/i18n/shared';
import { formatMoney } from '@/lib/money';
import { pageLocale } from '@/lib/i18n';

/** The printable body of an invoice: facts, every line (with its price lines), totals and payments. */
export async function InvoiceView({ invoice: inv }: { invoice: InvoiceDetailDto }) {
  const t = await getTranslations('billing');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (v: number) => formatMoney(v, inv.currency, locale);
  const day = (s: string) => format.dateTime(new Date(`${s}T12:00:00Z`), { dateStyle: 'medium' });
  const seller = sellerLines(inv.companyName, inv.companyDetails, locale);
  const transfer =
    inv.status === 'open' || inv.status === 'overdue'
      ? transferLines(inv.companyName, inv.companyDetails, locale, inv.number)
      : [];
  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <p className="text-sm text-slate-500">{seller[0]}</p>
            {seller.slice(1).map((line) => (
              <p key={line} className="text-xs text-slate-500">
                {line}
              </p>
            ))}
            <h2 className="text-xl font-semibold" data-testid="invoice-number">
              {inv.number}
            </h2>
          </div>
          <StatusBadge status={inv.status} label={t(`status.${inv.status}`)} />
        </div>
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-500">{t('client')}</dt>
          <dd>
            {inv.clientName} · {inv.clientEmail}
          </dd>
          <dt className="text-slate-500">{t('period')}</dt>
          <dd>{t('periodValue', { from: day(inv.periodFrom), to: day(inv.periodTo) })}</dd>
          <dt className="text-slate-500">{t('issued')}</dt>
          <dd>{format.dateTime(inv.issuedAt, { dateStyle: 'medium' })}</dd>
          <dt className="text-slate-500">{t('due')}</dt>
          <dd>{day(inv.dueDate)}</dd>
        </dl>
        {inv.voidedAt ? (
          <p className="mt-3 rounded-lg bg-slate-100 p-2 text-sm">
            {t('voided', {
              date: format.dateTime(inv.voidedAt, { dateStyle: 'medium' }),
              reason: inv.voidReason ?? '',
            })}
          </p>
        ) : null}
        {inv.reissueOf ? <p className="mt-3 text-sm text-slate-500">{t('reissueOf')}</p> : null}
      </Card>
      <Card title={t('lines')}>
        <ul className="divide-y divide-slate-100">
          {inv.lines.map((line) => (
            <li key={line.id} className="py-3 text-sm" data-testid="invoice-line" data-kind={line.kind}>
              <div className="flex flex-wrap justify-between gap-2">
                <div>
                  <p className="font-medium">
                    {line.orderNumber} ·{' '}
                    {line.kind === 'tip'
                      ? t('tipFor', { name: line.workerFirstName ?? '' })
                      : locale === 'ru'
                        ? line.serviceRu
                        : line.serviceEn}
                  </p>
                  <p className="text-slate-500">
                    {format.dateTime(line.occurredAt, { dateStyle: 'medium' })} · {t(`kind.${line.kind}`)}
                  </p>
                </div>
                <p className="font-semibold tabular-nums">{money(line.amount)}</p>
              </div>
              {line.priceLines.length > 1 ? (
                <ul className="mt-1 space-y-0.5 pl-3 text-xs text-slate-500">
                  {line.priceLines.map((p, i) => (
                    <li key={`${p.code}-${i}`} className="flex justify-between gap-2">
                      <span>{locale === 'ru' ? p.labelRu : p.labelEn}</span>
                      <span className="tabular-nums">{money(p.amount)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
        <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm tabular-nums">
          <div className="flex justify-between font-semibold">
            <dt>{t('total')}</dt>
            <dd data-testid="invoice-total">{money(inv.total)}</dd>
          </div>
          {inv.creditedAmount > 0 ? (
            <div className="flex justify-between">
              <dt>{t('credited')}</dt>
              <dd data-testid="invoice-credited">−{money(inv.creditedAmount)}</dd>
            </div>
          ) : null}
          <div className="flex justify-between">
            <dt>{t('paid')}</dt>
            <dd>{money(inv.paidAmount)}</dd>
          </div>
          <div className="flex justify-between font-semibold">
            <dt>{t('outstanding')}</dt>
            <dd data-testid="invoice-outstanding">{money(inv.outstanding)}</dd>
          </div>
        </dl>
      </Card>
      {inv.creditNotes.length > 0 ? (
        <Card title={t('creditNote.list')}>
          <ul className="divide-y divide-slate-100 text-sm">
            {inv.creditNotes.map((note) => (
              <li
                key={note.id}
                className="flex flex-wrap items-start justify-between gap-2 py-2"
                data-testid="credit-note"
              >
                <div>
                  <p className="font-medium">
                    {t('creditNote.line', {
                      number: note.number,
                      date: format.dateTime(note.issuedAt, { dateStyle: 'medium' }),
                      amount: money(note.amount),
                    })}
                  </p>
                  <p className="text-slate-500">
                    {note.lines.map((l) => l.orderNumber).join(', ')}
                    {reasonWords(note.reason, locale) ? ` · ${reasonWords(note.reason, locale)}` : ''}
                    {note.toCredit > 0 ? ` · ${t('creditNote.toCreditNote', { amount: money(note.toCredit) })}` : ''}
                  </p>
                </div>
                <a
                  href={`/invoices/${inv.id}/credit-notes/${note.id}/pdf`}
                  className="text-emerald-800 underline"
                  aria-label={`${t('creditNote.download')} ${note.number}`}
                >
                  {t('creditNote.download')}
                </a>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {transfer.length > 0 ? (
        <Card title={t('transfer')}>
          <div className="space-y-1 text-sm" data-testid="invoice-transfer">
            {transfer.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        </Card>
      ) : null}
      <Card title={t('payments')}>
        {inv.payments.length === 0 ? <p className="text-sm text-slate-500">{t('noPayments')}</p> : null}
        <ul className="divide-y divide-slate-100 text-sm">
          {inv.payments.map((p) => (
            <li key={p.id} className="flex flex-wrap justify-between gap-2 py-2" data-provider={p.provider}>
              <span>
                {format.dateTime(p.receivedAt, { dateStyle: 'medium' })} ·{' '}
                {t(
                  `provider.${p.provider === 'stripe' || p.provider === 'credit' || p.provider === 'write_off' ? p.provider : 'bank_transfer'}`,
                )}
                {p.provider === 'bank_transfer' ? ` · ${p.reference}` : ''}
              </span>
              <span className="tabular-nums">
                <span data-testid="payment-amount">{money(p.amount)}</span>
                {p.creditAmount > 0 ? ` (${t('credit', { amount: money(p.creditAmount) })})` : ''}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
