import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { PageTitle } from '@/components/ui/card';
import { PayslipView } from '@/components/billing/payslip-view';
import { getDb } from '@/db';
import { requireRole } from '@/lib/auth';
import { DomainError } from '@/lib/errors';
import { getPayslip } from '@/lib/finance/payroll';

export default async function PayslipPage({ params }: PageProps<'/worker/payslips/[id]'>) {
  const actor = await requireRole('worker');
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const payslip = await getPayslip(await getDb(), actor, id).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  });
  const t = await getTranslations('billing');
  return (
    <>
      <PageTitle>{t('payslips.payslip', { period: payslip.period })}</PageTitle>
      <p className="mb-3">
        <Link href="/worker/payslips" className="text-sm text-emerald-800 underline">
          {t('payslips.back')}
        </Link>
      </p>
      <PayslipView payslip={payslip} />
    </>
  );
}
