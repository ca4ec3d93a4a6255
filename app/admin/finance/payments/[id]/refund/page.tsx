import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { RefundForm } from '@/components/billing/refund-form';
import { RefundList } from '@/components/billing/refunds';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { orNotFound } from '@/lib/page';
import { getRefundablePayment, paymentProviders } from '@/lib/payments';
import { formatMoney } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'refunds.pageTitle');

// A payment, its refunds and what is left; admins refund from here (managers read it).
export default async function RefundPaymentPage({ params }: PageProps<'/admin/finance/payments/[id]/refund'>) {
  const actor = await requireRole('manager', 'admin');
  const { id } = await params;
  const db = await getDb();
  const p = await orNotFound(id, () => getRefundablePayment(db, actor, id));
  const { timeZone } = await getSettings(db);
  const t = await getTranslations('billing.refunds');
  const tp = await getTranslations('finance.payments');
  const format = await getFormatter();
  const locale = await pageLocale();
  const money = (v: number) => formatMoney(v, p.currency, locale);
  const providerLabel = (paymentProviders as readonly string[]).includes(p.provider)
    ? tp(`providers.${p.provider as (typeof paymentProviders)[number]}`)
    : p.provider;
  return (
    <div className="space-y-4">
      <PageTitle>{t('pageTitle')}</PageTitle>
      {p.invoiceId ? (
        <Link href={`/admin/finance/invoices/${p.invoiceId}`} className="text-sm text-emerald-800 underline">
          {t('toInvoice')} {p.invoiceNumber}
        </Link>
      ) : null}
      <Card title={t('payment')}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-500">{tp('client')}</dt>
            <dd>{p.clientName}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{tp('provider')}</dt>
            <dd className="break-words">
              {providerLabel} · {p.reference}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('received')}</dt>
            <dd>{format.dateTime(p.receivedAt, { dateStyle: 'medium', timeStyle: 'short', timeZone })}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('paid')}</dt>
            <dd className="tabular-nums">{money(p.amount)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('refunded')}</dt>
            <dd className="tabular-nums" data-testid="refunded">
              {money(p.refunded)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t('left')}</dt>
            <dd className="tabular-nums" data-testid="left">
              {money(p.left)}
            </dd>
          </div>
        </dl>
      </Card>
      {actor.role !== 'admin' ? (
        <Placeholder>{t('adminOnly')}</Placeholder>
      ) : p.left > 0 ? (
        <Card title={t('refund')}>
          <div className="mb-3 space-y-1 text-sm text-slate-600">
            {p.provider === 'bank_transfer' ? <p>{t('outside')}</p> : null}
            <p>{t('owedAgain')}</p>
          </div>
          <RefundForm paymentId={p.id} currency={p.currency} left={p.left} />
        </Card>
      ) : (
        <Placeholder>{t('nothingLeft')}</Placeholder>
      )}
      <Card title={t('history')}>
        <RefundList refunds={p.refunds} />
      </Card>
    </div>
  );
}
