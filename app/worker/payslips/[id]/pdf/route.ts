import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse } from '@/lib/errors';
import { pdfResponse, renderPayslipPdf, sellerLines } from '@/lib/finance';
import { getSettings } from '@/lib/settings';

// A payslip as a PDF, in the viewer's language: its own worker's (once approved) or any for an admin;
// renderPayslipPdf decides, and anyone else gets 404.
export async function GET(_request: Request, ctx: RouteContext<'/worker/payslips/[id]/pdf'>): Promise<Response> {
  try {
    const actor = await requireApiRole('worker', 'admin');
    const { id } = await ctx.params;
    const db = await getDb();
    const t = await getTranslations({ locale: actor.locale, namespace: 'billing' });
    const settings = await getSettings(db);
    const { filename, pdf } = await renderPayslipPdf(db, actor, z.uuid().parse(id), {
      locale: actor.locale,
      timeZone: settings.timeZone,
      company: sellerLines(settings.companyName, settings.companyDetails, actor.locale),
      labels: {
        title: (period) => t('payslips.payslip', { period }),
        worker: t('payslips.worker'),
        period: t('period'),
        status: t('statusLabel'),
        statuses: {
          draft: t('payroll.status.draft'),
          approved: t('payroll.status.approved'),
          paid: t('payroll.status.paid'),
        },
        date: t('date'),
        kind: t('payslips.kind'),
        details: t('payslips.details'),
        amount: t('amount'),
        lineKinds: {
          order: t('payslips.lineKind.order'),
          fine: t('payslips.lineKind.fine'),
          supply_charge: t('payslips.lineKind.supply_charge'),
          bonus: t('payslips.lineKind.bonus'),
          tip: t('payslips.lineKind.tip'),
        },
        earnings: t('payroll.earnings'),
        deductions: t('payroll.deductions'),
        bonuses: t('payroll.bonuses'),
        tips: t('payroll.tips'),
        net: t('payroll.net'),
        page: (page, pages) => t('pdfPage', { page, pages }),
      },
    });
    return pdfResponse(pdf, filename);
  } catch (error) {
    return httpErrorResponse(error);
  }
}
