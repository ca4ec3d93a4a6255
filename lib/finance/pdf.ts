import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from '@cantoo/pdf-lib';
import fontkit from '@cantoo/fontkit';
import { formatMoney } from '@/lib/money';

// Geist ships with the app (the `geist` dependency) and covers Cyrillic and ₽; the standard PDF fonts do not.
const fontDir = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  'node_modules',
  'geist',
  'dist',
  'fonts',
  'geist-sans',
);

/** One row of a document's table. */
export type PdfRow = { date: string; ref: string; description: string; amount: string };

/** A finance document as the PDF lays it out: the company's block, facts, a table of rows and totals. */
export type PdfDocumentSpec = {
  title: string;
  /** The seller: name first, then its details (tax numbers, address, bank), one line each. */
  company: string[];
  facts: [string, string][];
  columns: PdfRow;
  lines: PdfRow[];
  totals: { label: string; value: string; bold?: boolean }[];
  /** Lines under the totals (payment instructions, notes). */
  footer: string[];
  /** "Page 1 of 2" in the document's language, printed at the foot of every page. */
  pageLabel: (page: number, pages: number) => string;
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

type Measure = (s: string) => number;

/**
 * Splits text into lines no wider than `max`: breaks at spaces, keeps explicit line breaks, and cuts a single
 * word only when that word alone is wider than the line (a long e-mail address or account number).
 */
export function wrapText(text: string, max: number, width: Measure): string[] {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (width(candidate) <= max) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = word;
      while (width(line) > max && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && width(line.slice(0, cut)) > max) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line);
  }
  return out;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
/** Room kept at the foot of each page for its number. */
const FOOT = 30;
const ink = rgb(0.1, 0.1, 0.12);
const grey = rgb(0.4, 0.4, 0.45);
const rule = rgb(0.7, 0.7, 0.75);

/** One or more A4 pages, rendered on the server with no external service; every page carries its number. */
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

  const { width, height } = A4;
  const contentWidth = width - 2 * MARGIN;
  const bottom = MARGIN + FOOT;
  let page: PDFPage = doc.addPage([width, height]);
  let y = height - MARGIN;
  let onNewPage: (() => void) | undefined;

  const draw = (s: string, x: number, size: number, font: PDFFont, color: RGB) =>
    page.drawText(s, { x, y, size, font, color });
  const wrap = (s: string, max: number, size: number, font: PDFFont) =>
    wrapText(s, max, (t) => font.widthOfTextAtSize(t, size));
  /** Starts a new page when `room` points do not fit on this one. */
  const ensure = (room: number) => {
    if (y - room >= bottom) return;
    page = doc.addPage([width, height]);
    y = height - MARGIN;
    onNewPage?.();
  };
  /** A paragraph at x, wrapped to `max`, continued on the next page when it runs out of room. */
  const paragraph = (s: string, x: number, max: number, size: number, font: PDFFont, color: RGB, leading: number) => {
    for (const line of wrap(s, max, size, font)) {
      ensure(leading);
      draw(line, x, size, font, color);
      y -= leading;
    }
  };
  const hr = () =>
    page.drawLine({ start: { x: MARGIN, y }, end: { x: width - MARGIN, y }, thickness: 0.5, color: rule });

  const [companyName, ...details] = spec.company;
  paragraph(companyName ?? '', MARGIN, contentWidth, 12, bold, ink, 14);
  for (const line of details) paragraph(line, MARGIN, contentWidth, 8, regular, rgb(0.35, 0.35, 0.4), 11);
  y -= 14;
  paragraph(spec.title, MARGIN, contentWidth, 20, bold, ink, 26);

  const factKey = 110;
  for (const [k, v] of spec.facts) {
    const keyLines = wrap(k, factKey - 8, 10, regular);
    const valueLines = wrap(v, contentWidth - factKey, 10, regular);
    const rows = Math.max(keyLines.length, valueLines.length);
    ensure(rows * 15);
    for (let i = 0; i < rows; i++) {
      if (keyLines[i]) draw(keyLines[i], MARGIN, 10, regular, grey);
      if (valueLines[i]) draw(valueLines[i], MARGIN + factKey, 10, regular, ink);
      y -= 15;
    }
  }
  y -= 15;

  // Columns: date, reference, description (wraps), amount (right-aligned).
  const col = { date: MARGIN, ref: MARGIN + 80, description: MARGIN + 190, amountRight: width - MARGIN };
  const widths = { date: 76, ref: 106, description: col.amountRight - col.description - 90, amount: 86 };
  const leading = 12;
  const cells = (row: PdfRow, size: number, font: PDFFont) => ({
    date: wrap(row.date, widths.date, size, font),
    ref: wrap(row.ref, widths.ref, size, font),
    description: wrap(row.description, widths.description, size, font),
    amount: wrap(row.amount, widths.amount, size, font),
  });
  const drawRow = (row: PdfRow, size: number, font: PDFFont) => {
    const c = cells(row, size, font);
    const count = Math.max(c.date.length, c.ref.length, c.description.length, c.amount.length);
    for (let i = 0; i < count; i++) {
      if (c.date[i]) draw(c.date[i], col.date, size, font, ink);
      if (c.ref[i]) draw(c.ref[i], col.ref, size, font, ink);
      if (c.description[i]) draw(c.description[i], col.description, size, font, ink);
      const amount = c.amount[i];
      if (amount) draw(amount, col.amountRight - font.widthOfTextAtSize(amount, size), size, font, ink);
      if (i < count - 1) y -= leading;
    }
  };
  const rowHeight = (row: PdfRow, size: number, font: PDFFont) => {
    const c = cells(row, size, font);
    return Math.max(c.date.length, c.ref.length, c.description.length, c.amount.length) * leading;
  };
  const header = () => {
    drawRow(spec.columns, 9, bold);
    y -= 6;
    hr();
    y -= 14;
  };
  ensure(rowHeight(spec.columns, 9, bold) + 20 + (spec.lines[0] ? rowHeight(spec.lines[0], 9, regular) : 0));
  header();
  onNewPage = header;
  for (const row of spec.lines) {
    // A row is never split across pages; the header is repeated on the next one.
    ensure(rowHeight(row, 9, regular) + 2);
    drawRow(row, 9, regular);
    y -= 14;
  }
  onNewPage = undefined;

  ensure(8 + spec.totals.length * 16);
  y -= 6;
  page.drawLine({
    start: { x: MARGIN, y: y + 8 },
    end: { x: width - MARGIN, y: y + 8 },
    thickness: 0.5,
    color: rule,
  });
  for (const { label, value, bold: strong } of spec.totals) {
    const font = strong ? bold : regular;
    y -= 6;
    draw(value, col.amountRight - font.widthOfTextAtSize(value, 10), 10, font, ink);
    const labelLines = wrap(label, contentWidth - 220, 10, font);
    labelLines.forEach((line, i) => {
      draw(line, col.amountRight - 120 - font.widthOfTextAtSize(line, 10), 10, font, ink);
      if (i < labelLines.length - 1) y -= 12;
    });
    y -= 10;
  }
  y -= 16;
  for (const line of spec.footer) paragraph(line, MARGIN, contentWidth, 9, regular, rgb(0.3, 0.3, 0.35), 13);

  // Numbers go on last, when the page count is known.
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const label = spec.pageLabel(i + 1, pages.length);
    const size = 8;
    p.drawText(label, {
      x: width - MARGIN - regular.widthOfTextAtSize(label, size),
      y: MARGIN - 20,
      size,
      font: regular,
      color: grey,
    });
  });
  return doc.save();
}

/** A finance document's PDF as a download: personal data, so never cached. */
export function pdfResponse(pdf: Uint8Array, name: string): Response {
  return new Response(Buffer.from(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="${name}.pdf"`,
      'cache-control': 'private, no-store',
    },
  });
}
