import { cache } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { InvoiceView } from '@/components/billing/invoice-view';
import { BankTransferForm, ReissueButton, VoidInvoiceForm } from '@/components/billing/invoice-admin-forms';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { orNotFound } from '@/lib/page';
import { getInvoice } from '@/lib/finance';
import { chargeAttemptsOfInvoice, refundsOfInvoice } from '@/lib/payments';
import { ChargeAttempts } from '@/components/billing/charge-attempts';
import { InvoiceRefunds } from '@/components/billing/refunds';
import { getSettings } from '@/lib/settings';
import { toDateString } from '@/lib/time';

// The page and its title load the same record, once per request.
const loadInvoice = cache(async (id: string) => {
  const actor = await requireRole('manager', 'admin');
  return orNotFound(id, async () => getInvoice(await getDb(), actor, id));
});

export async function generateMetadata({ params }: PageProps<'/admin/finance/invoices/[id]'>): Promise<Metadata> {
  const record = await loadInvoice((await params).id);
  const t = await getTranslations('billing');
  return { title: t('invoice', { number: record.number }) };
}

export default async function AdminInvoicePage({ params }: PageProps<'/admin/finance/invoices/[id]'>) {
  const actor = await requireRole('manager', 'admin');
  const { id } = await params;
  const db = await getDb();
  const invoice = await loadInvoice(id);
  const { timeZone } = await getSettings(db);
  const t = await getTranslations('billing');
  const open = invoice.status === 'open' || invoice.status === 'overdue';
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <a href={`/invoices/${invoice.id}/pdf`} className={buttonClass('secondary')} download>
            {t('downloadPdf')}
          </a>
        }
      >
        {t('invoice', { number: invoice.number })}
      </PageTitle>
      <Link href="/admin/finance/invoices" className="text-sm text-emerald-800 underline">
        {t('back')}
      </Link>
      <InvoiceView invoice={invoice} />
      <ChargeAttempts attempts={await chargeAttemptsOfInvoice(db, actor, invoice.id)} />
      <InvoiceRefunds payments={await refundsOfInvoice(db, actor, invoice.id)} canRefund={actor.role === 'admin'} />
      {open && invoice.outstanding > 0 ? (
        <Card title={t('admin.bankTransfer')}>
          <BankTransferForm
            invoiceId={invoice.id}
            currency={invoice.currency}
            today={toDateString(new Date(), timeZone)}
          />
        </Card>
      ) : null}
      {actor.role === 'admin' && open && invoice.paidAmount === 0 ? (
        <Card title={t('admin.void')}>
          <VoidInvoiceForm invoiceId={invoice.id} />
        </Card>
      ) : null}
      {actor.role === 'admin' && invoice.status === 'void' ? (
        <Card title={t('admin.reissue')}>
          <ReissueButton invoiceId={invoice.id} />
        </Card>
      ) : null}
    </div>
  );
}
