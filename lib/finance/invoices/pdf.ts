import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
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
  outstanding: string;
  kindFee: string;
  kindFailure: string;
};

/** A one-or-more page A4 invoice, rendered on the server with no external service. */
export async function renderInvoicePdf(
  inv: InvoiceDetailDto & { statusLabel: string },
  locale: 'ru' | 'en',
  labels: PdfLabels,
  timeZone: string,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regularBytes, boldBytes] = await Promise.all([
    readFile(path.join(fontDir, 'Geist-Regular.ttf')),
    readFile(path.join(fontDir, 'Geist-SemiBold.ttf')),
  ]);
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setTitle(labels.title);
  doc.setAuthor(inv.companyName);
  // Intl puts narrow no-break spaces in numbers; the font has the ordinary no-break space.
  const money = (v: number) => formatMoney(v, inv.currency, locale).replace(/\u202f/g, '\u00a0');
  const day = (d: Date) =>
    new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { timeZone, dateStyle: 'medium' }).format(d);
  const isoDay = (s: string) => day(new Date(`${s}T12:00:00Z`));

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

  text(inv.companyName, margin, 12, bold);
  y -= 28;
  text(labels.title, margin, 20, bold);
  y -= 26;
  const facts: [string, string][] = [
    [labels.client, `${inv.clientName} <${inv.clientEmail}>`],
    [labels.period, `${isoDay(inv.periodFrom)} – ${isoDay(inv.periodTo)}`],
    [labels.issued, day(inv.issuedAt)],
    [labels.due, isoDay(inv.dueDate)],
    [labels.status, inv.statusLabel],
  ];
  for (const [k, v] of facts) {
    text(k, margin, 10, regular, rgb(0.4, 0.4, 0.45));
    text(v, margin + 110, 10);
    y -= 15;
  }
  y -= 15;
  const cols = { date: margin, order: margin + 80, service: margin + 190, amount: width - margin };
  const header = () => {
    text(labels.date, cols.date, 9, bold);
    text(labels.order, cols.order, 9, bold);
    text(labels.service, cols.service, 9, bold);
    right(labels.amount, cols.amount, 9, bold);
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
  for (const line of inv.lines) {
    if (y < margin + 80) {
      page = doc.addPage([width, height]);
      y = height - margin;
      header();
    }
    const name = locale === 'ru' ? line.serviceRu : line.serviceEn;
    const service =
      line.kind === 'cancellation_fee'
        ? `${labels.kindFee} · ${name}`
        : line.kind === 'failure_charge'
          ? `${labels.kindFailure} · ${name}`
          : name;
    text(day(line.occurredAt), cols.date, 9);
    text(line.orderNumber, cols.order, 9);
    text(clip(service, cols.amount - cols.service - 90, 9), cols.service, 9);
    right(money(line.amount), cols.amount, 9);
    y -= 14;
  }
  y -= 6;
  page.drawLine({
    start: { x: margin, y: y + 8 },
    end: { x: width - margin, y: y + 8 },
    thickness: 0.5,
    color: rgb(0.7, 0.7, 0.75),
  });
  for (const [k, v, font] of [
    [labels.total, money(inv.total), bold],
    [labels.paid, money(inv.paidAmount), regular],
    [labels.outstanding, money(inv.outstanding), bold],
  ] as const) {
    y -= 6;
    right(k, cols.amount - 120, 10, font);
    right(v, cols.amount, 10, font);
    y -= 10;
  }
  return doc.save();
}
