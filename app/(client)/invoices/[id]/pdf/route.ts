import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse } from '@/lib/errors';
import { getInvoice, pdfResponse, renderInvoicePdf, sellerLines, transferLines } from '@/lib/finance';
import { getSettings } from '@/lib/settings';
import { observeRoute } from '@/lib/log';

// The invoice as a PDF (its client, or staff), in the viewer's language.
export const GET = observeRoute(
  '/invoices/[id]/pdf',
  async function GET(_request: Request, ctx: RouteContext<'/invoices/[id]/pdf'>): Promise<Response> {
    try {
      const actor = await requireApiRole('client', 'manager', 'admin');
      const { id } = await ctx.params;
      const db = await getDb();
      const invoice = await getInvoice(db, actor, z.uuid().parse(id));
      const t = await getTranslations({ locale: actor.locale, namespace: 'billing' });
      const { timeZone } = await getSettings(db);
      const pdf = await renderInvoicePdf(
        { ...invoice, statusLabel: t(`status.${invoice.status}`) },
        actor.locale,
        {
          title: t('invoice', { number: invoice.number }),
          client: t('client'),
          period: t('period'),
          issued: t('issued'),
          due: t('due'),
          status: t('statusLabel'),
          date: t('date'),
          order: t('order'),
          service: t('service'),
          amount: t('amount'),
          total: t('total'),
          paid: t('paid'),
          credited: t('credited'),
          outstanding: t('outstanding'),
          kindFee: t('kind.cancellation_fee'),
          kindFailure: t('kind.failure_charge'),
          tipFor: (name) => t('tipFor', { name }),
          page: (page, pages) => t('pdfPage', { page, pages }),
        },
        timeZone,
        {
          header: sellerLines(invoice.companyName, invoice.companyDetails, actor.locale),
          footer:
            invoice.status === 'open' || invoice.status === 'overdue'
              ? transferLines(invoice.companyName, invoice.companyDetails, actor.locale, invoice.number)
              : [],
        },
      );
      return pdfResponse(pdf, invoice.number);
    } catch (error) {
      return httpErrorResponse(error);
    }
  },
);
