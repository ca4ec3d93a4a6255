import { cache } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageTitle } from '@/components/ui/card';
import { Button, buttonClass } from '@/components/ui/button';
import { InvoiceView } from '@/components/billing/invoice-view';
import { PrintButton } from '@/components/billing/print-button';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { orNotFound } from '@/lib/page';
import { getInvoice } from '@/lib/finance';
import { onlineProvider } from '@/lib/payments';
import { formatMoney } from '@/lib/money';
import { payInvoiceAction } from '../actions';
import { pageLocale } from '@/lib/i18n';

// The page and its title load the same record, once per request.
const loadInvoice = cache(async (id: string) => {
  const actor = await requireRole('client');
  return orNotFound(id, async () => getInvoice(await getDb(), actor, id));
});

export async function generateMetadata({ params }: PageProps<'/invoices/[id]'>): Promise<Metadata> {
  const record = await loadInvoice((await params).id);
  const t = await getTranslations('billing');
  return { title: t('invoice', { number: record.number }) };
}

export default async function InvoicePage({ params, searchParams }: PageProps<'/invoices/[id]'>) {
  const { id } = await params;
  const sp = await searchParams;
  const invoice = await loadInvoice(id);
  const t = await getTranslations('billing');
  const locale = await pageLocale();
  const canPay = invoice.outstanding > 0 && (invoice.status === 'open' || invoice.status === 'overdue');
  const online = (await onlineProvider(await getDb())).enabled();
  return (
    <>
      <PageTitle
        actions={
          <div className="flex flex-wrap gap-2 print:hidden">
            <PrintButton label={t('print')} />
            <a href={`/invoices/${invoice.id}/pdf`} className={buttonClass('secondary')} download>
              {t('downloadPdf')}
            </a>
          </div>
        }
      >
        {t('invoice', { number: invoice.number })}
      </PageTitle>
      <p className="mb-3 print:hidden">
        <Link href="/invoices" className="text-sm text-emerald-800 underline">
          {t('back')}
        </Link>
      </p>
      {sp.checkout === 'success' && invoice.status !== 'paid' ? (
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900 print:hidden">
          {t('checkoutSuccess')}
        </p>
      ) : null}
      {sp.checkout === 'cancelled' ? (
        <p className="mb-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 print:hidden">{t('checkoutCancelled')}</p>
      ) : null}
      {canPay ? (
        <div className="mb-4 print:hidden">
          {online ? (
            <form action={payInvoiceAction.bind(null, invoice.id)} className="space-y-3">
              <label className="flex min-h-11 items-center gap-2 text-sm">
                <input type="checkbox" name="saveCard" className="size-5" />
                {t('saveCard')}
              </label>
              <Button type="submit">
                {t('payOnline', { amount: formatMoney(invoice.outstanding, invoice.currency, locale) })}
              </Button>
            </form>
          ) : (
            <p className="rounded-lg bg-slate-100 p-3 text-sm">{t('onlineUnavailable')}</p>
          )}
        </div>
      ) : null}
      <InvoiceView invoice={invoice} />
    </>
  );
}
