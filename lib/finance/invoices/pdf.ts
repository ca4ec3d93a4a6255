import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import fontkit from '@cantoo/fontkit';
import { formatMoney } from '@/lib/money';
import type { InvoiceDetailDto } from './queries';

// Geist ships with the app (the `geist` dependency) and covers Cyrillic and ₽; the standard PDF fonts do not.
const fontDir = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  'node_modules',
  'geist',
  'dist',
  'fonts',
  'geist-sans',
);

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
};

/** A billing document as the PDF lays it out: the company's block, facts, a table of lines and totals. */
export type PdfDocumentSpec = {
  title: string;
  /** The seller: name first, then its details (tax numbers, address, bank), one line each. */
  company: string[];
  facts: [string, string][];
  columns: { date: string; order: string; service: string; amount: string };
  lines: { date: string; order: string; service: string; amount: string }[];
  totals: { label: string; value: string; bold?: boolean }[];
  /** Lines under the totals (payment instructions). */
  footer: string[];
};

/** Money and dates as a PDF shows them in this locale (the font has the ordinary no-break space only). */
export function pdfFormat(locale: 'ru' | 'en', currency: string, timeZone: string) {
  const day = (d: Date) =>
    new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, dateStyle: 'medium' }).format(d);
  return {
    money: (v: number) => formatMoney(v, currency, locale).replace(/\u202f/g, '\u00a0'),
    day,
    isoDay: (s: string) => day(new Date(`${s}T12:00:00Z`)),
  };
}

/** One-or-more A4 pages, rendered on the server with no external service. */
export async function renderDocumentPdf(spec: PdfDocumentSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await Promise.all([
    readFile(path.join(fontDir, 'Geist-Regular.ttf')),
    readFile(path.join(fontDir, 'Geist-SemiBold.ttf')),
  ]);
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setTitle(spec.title);
  doc.setAuthor(spec.company[0] ?? '');

  const width = 595.28;
  const height = 841.89;
  const margin = 50;
  let page: PDFPage = doc.addPage([width, height]);
  let y = height - margin;
  const text = (s: string, x: number, size = 10, font: PDFFont = regular, color = rgb(0.1, 0.1, 0.12)) =>
    page.drawText(s, { x, y, size, font, color });
  const right = (s: string, xRight: number, size = 10, font: PDFFont = regular) =>
    text(s, xRight - font.widthOfTextAtSize(s, size), size, font);
  const clip = (s: string, max: number, size = 10) => {
    let out = s;
    while (out.length > 1 && regular.widthOfTextAtSize(out, size) > max) out = out.slice(0, -2) + '…';
    return out;
  };
  const newPageIfLow = (room: number, then?: () => void) => {
    if (y >= margin + room) return;
    page = doc.addPage([width, height]);
    y = height - margin;
    then?.();
  };

  const [companyName, ...details] = spec.company;
  text(companyName ?? '', margin, 12, bold);
  y -= 14;
  for (const line of details) {
    text(clip(line, width - 2 * margin, 8), margin, 8, regular, rgb(0.35, 0.35, 0.4));
    y -= 11;
  }
  y -= 14;
  text(spec.title, margin, 20, bold);
  y -= 26;
  for (const [k, v] of spec.facts) {
    text(k, margin, 10, regular, rgb(0.4, 0.4, 0.45));
    text(clip(v, width - 2 * margin - 110), margin + 110, 10);
    y -= 15;
  }
  y -= 15;
  const cols = { date: margin, order: margin + 80, service: margin + 190, amount: width - margin };
  const header = () => {
    text(spec.columns.date, cols.date, 9, bold);
    text(spec.columns.order, cols.order, 9, bold);
    text(spec.columns.service, cols.service, 9, bold);
    right(spec.columns.amount, cols.amount, 9, bold);
    y -= 6;
    page.drawLine({
      start: { x: margin, y },
      end: { x: width - margin, y },
      thickness: 0.5,
      color: rgb(0.7, 0.7, 0.75),
    });
    y -= 14;
  };
  header();
  for (const line of spec.lines) {
    newPageIfLow(80, header);
    text(line.date, cols.date, 9);
    text(line.order, cols.order, 9);
    text(clip(line.service, cols.amount - cols.service - 90, 9), cols.service, 9);
    right(line.amount, cols.amount, 9);
    y -= 14;
  }
  y -= 6;
  page.drawLine({
    start: { x: margin, y: y + 8 },
    end: { x: width - margin, y: y + 8 },
    thickness: 0.5,
    color: rgb(0.7, 0.7, 0.75),
  });
  for (const { label, value, bold: strong } of spec.totals) {
    y -= 6;
    right(label, cols.amount - 120, 10, strong ? bold : regular);
    right(value, cols.amount, 10, strong ? bold : regular);
    y -= 10;
  }
  y -= 16;
  for (const line of spec.footer) {
    newPageIfLow(20);
    text(clip(line, width - 2 * margin, 9), margin, 9, regular, rgb(0.3, 0.3, 0.35));
    y -= 13;
  }
  return doc.save();
}

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
    columns: { date: labels.date, order: labels.order, service: labels.service, amount: labels.amount },
    lines: inv.lines.map((line) => {
      const name = locale === 'ru' ? line.serviceRu : line.serviceEn;
      const service =
        line.kind === 'cancellation_fee'
          ? `${labels.kindFee} · ${name}`
          : line.kind === 'failure_charge'
            ? `${labels.kindFailure} · ${name}`
            : name;
      return {
        date: day(line.occurredAt),
        order: line.orderNumber,
        service: line.address ? `${service} · ${line.address}` : service,
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
  };
}
