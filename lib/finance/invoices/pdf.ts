import 'server-only';
import { pdfFormat, renderDocumentPdf, type PdfDocumentSpec } from '../pdf';
import type { InvoiceDetailDto } from './queries';

export type PdfLabels = {
  title: string;
  client: string;
  period: string;
  issued: string;
  due: string;
  status: string;
  date: string;
  order: string;
  service: string;
  amount: string;
  total: string;
  paid: string;
  credited: string;
  outstanding: string;
  kindFee: string;
  kindFailure: string;
  /** "Tip for Anna" (a tip's line). */
  tipFor: (name: string) => string;
  /** "Page 1 of 2" in the invoice's language. */
  page: (page: number, pages: number) => string;
};

/** The invoice as a PDF: every line (with its service address), the totals (with credit notes and payments) and what is due. */
export function renderInvoicePdf(...args: Parameters<typeof invoicePdfSpec>): Promise<Uint8Array> {
  return renderDocumentPdf(invoicePdfSpec(...args));
}

/** What the invoice PDF lays out (pure). */
export function invoicePdfSpec(
  inv: InvoiceDetailDto & { statusLabel: string },
  locale: 'ru' | 'en',
  labels: PdfLabels,
  timeZone: string,
  company: { header: string[]; footer: string[] } = { header: [inv.companyName], footer: [] },
): PdfDocumentSpec {
  const { money, day, isoDay } = pdfFormat(locale, inv.currency, timeZone);
  return {
    title: labels.title,
    company: company.header,
    facts: [
      [labels.client, `${inv.clientName} <${inv.clientEmail}>`],
      [labels.period, `${isoDay(inv.periodFrom)} – ${isoDay(inv.periodTo)}`],
      [labels.issued, day(inv.issuedAt)],
      [labels.due, isoDay(inv.dueDate)],
      [labels.status, inv.statusLabel],
    ],
    columns: { date: labels.date, ref: labels.order, description: labels.service, amount: labels.amount },
    lines: inv.lines.map((line) => {
      const name = locale === 'ru' ? line.serviceRu : line.serviceEn;
      const service =
        line.kind === 'tip'
          ? labels.tipFor(line.workerFirstName ?? '')
          : line.kind === 'cancellation_fee'
            ? `${labels.kindFee} · ${name}`
            : line.kind === 'failure_charge'
              ? `${labels.kindFailure} · ${name}`
              : name;
      return {
        date: day(line.occurredAt),
        ref: line.orderNumber,
        description: line.address && line.kind !== 'tip' ? `${service} · ${line.address}` : service,
        amount: money(line.amount),
      };
    }),
    totals: [
      { label: labels.total, value: money(inv.total), bold: true },
      ...(inv.creditedAmount > 0 ? [{ label: labels.credited, value: `−${money(inv.creditedAmount)}` }] : []),
      { label: labels.paid, value: money(inv.paidAmount) },
      { label: labels.outstanding, value: money(inv.outstanding), bold: true },
    ],
    footer: company.footer,
    pageLabel: labels.page,
  };
}
