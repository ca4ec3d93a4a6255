import type { InvoiceDisplayStatus } from '@/lib/finance';

const tone: Record<
  InvoiceDisplayStatus | 'draft' | 'approved' | 'running' | 'partial' | 'succeeded' | 'failed',
  string
> = {
  open: 'bg-sky-50 text-sky-800 ring-sky-200',
  overdue: 'bg-rose-50 text-rose-800 ring-rose-200',
  paid: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  void: 'bg-slate-100 text-slate-600 ring-slate-200',
  draft: 'bg-amber-50 text-amber-800 ring-amber-200',
  approved: 'bg-sky-50 text-sky-800 ring-sky-200',
  running: 'bg-sky-50 text-sky-800 ring-sky-200',
  partial: 'bg-amber-50 text-amber-800 ring-amber-200',
  succeeded: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failed: 'bg-rose-50 text-rose-800 ring-rose-200',
};

/** A small coloured status label (invoices, payroll runs, job runs). */
export function StatusBadge({ status, label }: { status: keyof typeof tone; label: string }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone[status]}`}
    >
      {label}
    </span>
  );
}
