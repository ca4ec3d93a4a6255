import 'server-only';
import type { Db } from '@/db';
import type { PayrollStatus, PayslipLineKind } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { pdfFormat, renderDocumentPdf, type PdfDocumentSpec } from '../pdf';
import { getPayslip, type PayslipDetailDto } from './payslips';

/** The words of a payslip PDF in the reader's language. */
export type PayslipPdfLabels = {
  title: (period: string) => string;
  worker: string;
  period: string;
  status: string;
  statuses: Record<PayrollStatus, string>;
  date: string;
  kind: string;
  details: string;
  amount: string;
  lineKinds: Record<PayslipLineKind, string>;
  earnings: string;
  deductions: string;
  bonuses: string;
  tips: string;
  net: string;
  page: (page: number, pages: number) => string;
};

export type PayslipPdfOptions = {
  locale: 'ru' | 'en';
  labels: PayslipPdfLabels;
  timeZone: string;
  /** The employer: name first, then its details, one line each. */
  company: string[];
};

/** What the payslip PDF lays out (pure): every line with its date, the totals and the net pay. */
export function payslipPdfSpec(slip: PayslipDetailDto, options: PayslipPdfOptions): PdfDocumentSpec {
  const { locale, labels, timeZone } = options;
  const { money, day } = pdfFormat(locale, slip.currency, timeZone);
  // "2026-10" → "октябрь 2026 г." / "October 2026".
  const month = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${slip.period}-01T00:00:00Z`));
  return {
    title: labels.title(slip.period),
    company: options.company,
    facts: [
      [labels.worker, slip.workerName],
      [labels.period, month],
      [labels.status, labels.statuses[slip.status]],
    ],
    columns: { date: labels.date, ref: labels.kind, description: labels.details, amount: labels.amount },
    lines: slip.lines.map((line) => ({
      date: day(line.occurredAt),
      ref: labels.lineKinds[line.kind],
      description: line.label,
      amount: money(line.amount),
    })),
    totals: [
      { label: labels.earnings, value: money(slip.earnings) },
      { label: labels.deductions, value: `−${money(slip.deductions)}` },
      { label: labels.bonuses, value: money(slip.bonuses) },
      ...(slip.tips > 0 ? [{ label: labels.tips, value: money(slip.tips) }] : []),
      { label: labels.net, value: money(slip.net), bold: true },
    ],
    footer: [],
    pageLabel: labels.page,
  };
}

/**
 * A payslip as a PDF: an admin may print any, a worker only their own once the run is approved; anyone else
 * gets NotFound (the same rule as getPayslip, which this reads through).
 */
export async function renderPayslipPdf(
  db: Db,
  actor: Actor,
  payslipId: string,
  options: PayslipPdfOptions,
): Promise<{ filename: string; pdf: Uint8Array }> {
  const slip = await getPayslip(db, actor, payslipId);
  const pdf = await renderDocumentPdf(payslipPdfSpec(slip, options));
  return { filename: `payslip-${slip.period}`, pdf };
}
