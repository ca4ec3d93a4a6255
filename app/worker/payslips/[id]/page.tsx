import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageTitle } from '@/components/ui/card';
import { PayslipView } from '@/components/billing/payslip-view';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { orNotFound } from '@/lib/page';
import { getPayslip } from '@/lib/finance';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'payslips.title');

export default async function PayslipPage({ params }: PageProps<'/worker/payslips/[id]'>) {
  const actor = await requireRole('worker');
  const { id } = await params;
  const payslip = await orNotFound(id, async () => getPayslip(await getDb(), actor, id));
  const t = await getTranslations('billing');
  return (
    <>
      <PageTitle>{t('payslips.payslip', { period: payslip.period })}</PageTitle>
      <p className="mb-3 flex gap-4">
        <Link href="/worker/payslips" className="text-sm text-emerald-800 underline">
          {t('payslips.back')}
        </Link>
        <a href={`/worker/payslips/${payslip.id}/pdf`} className="text-sm text-emerald-800 underline" download>
          {t('payslips.downloadPdf', { period: payslip.period })}
        </a>
      </p>
      <PayslipView payslip={payslip} />
    </>
  );
}
