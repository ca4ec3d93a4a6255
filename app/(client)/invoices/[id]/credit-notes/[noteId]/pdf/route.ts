import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { httpErrorResponse, notFound } from '@/lib/errors';
import { getCreditNote, pdfFormat, pdfResponse, renderDocumentPdf, sellerLines } from '@/lib/finance';
import { reasonWords } from '@/lib/i18n/shared';
import { getSettings } from '@/lib/settings';
import { observeRoute } from '@/lib/log';

// A credit note as a PDF (its client, or staff), in the viewer's language.
export const GET = observeRoute(
  '/invoices/[id]/credit-notes/[noteId]/pdf',
  async function GET(
    _request: Request,
    ctx: RouteContext<'/invoices/[id]/credit-notes/[noteId]/pdf'>,
  ): Promise<Response> {
    try {
      const actor = await requireApiRole('client', 'manager', 'admin');
      const { id, noteId } = await ctx.params;
      const db = await getDb();
      const note = await getCreditNote(db, actor, z.uuid().parse(noteId));
      if (note.invoiceId !== z.uuid().parse(id)) throw notFound('billing.errors.creditNoteNotFound');
      const t = await getTranslations({ locale: actor.locale, namespace: 'billing' });
      const settings = await getSettings(db);
      const { money, day } = pdfFormat(actor.locale, note.currency, settings.timeZone);
      const pdf = await renderDocumentPdf({
        title: t('creditNote.title', { number: note.number }),
        company: sellerLines(settings.companyName, settings.companyDetails, actor.locale),
        facts: [
          [t('client'), `${note.clientName} <${note.clientEmail}>`],
          [t('creditNote.toInvoice'), note.invoiceNumber],
          [t('issued'), day(note.issuedAt)],
          [t('creditNote.reason'), reasonWords(note.reason, actor.locale) ?? '—'],
        ],
        columns: { date: t('date'), ref: t('order'), description: t('service'), amount: t('amount') },
        lines: note.lines.map((l) => ({
          date: day(note.issuedAt),
          ref: l.orderNumber,
          description: `${t(`kind.${l.kind}`)} · ${actor.locale === 'ru' ? l.serviceRu : l.serviceEn}`,
          amount: `−${money(l.amount)}`,
        })),
        totals: [
          { label: t('creditNote.total'), value: `−${money(note.amount)}`, bold: true },
          ...(note.toCredit > 0 ? [{ label: t('creditNote.toCredit'), value: money(note.toCredit) }] : []),
        ],
        footer: [],
        pageLabel: (page, pages) => t('pdfPage', { page, pages }),
      });
      return pdfResponse(pdf, note.number);
    } catch (error) {
      return httpErrorResponse(error);
    }
  },
);
