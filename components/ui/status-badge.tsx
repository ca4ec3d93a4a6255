import type { ReactNode } from 'react';

const tones = {
  amber: 'bg-amber-50 text-amber-900 ring-amber-200',
  sky: 'bg-sky-50 text-sky-900 ring-sky-200',
  indigo: 'bg-indigo-50 text-indigo-900 ring-indigo-200',
  emerald: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  rose: 'bg-rose-50 text-rose-900 ring-rose-200',
  slate: 'bg-slate-100 text-slate-700 ring-slate-200',
} as const;

/**
 * One colour per status word, wherever it appears (orders, invoices, payroll runs, job runs, emails): waiting
 * is amber, under way is sky or indigo, done is emerald, failed or overdue is rose, set aside is slate.
 */
const toneOf: Record<string, keyof typeof tones> = {
  pending: 'amber',
  draft: 'amber',
  partial: 'amber',
  retrying: 'amber',
  assigned: 'sky',
  open: 'sky',
  approved: 'sky',
  running: 'sky',
  sending: 'sky',
  in_progress: 'indigo',
  active: 'emerald',
  completed: 'emerald',
  paid: 'emerald',
  succeeded: 'emerald',
  sent: 'emerald',
  failed: 'rose',
  overdue: 'rose',
  dead: 'rose',
  archived: 'slate',
  cancelled: 'slate',
  void: 'slate',
};

/** The badge's colour classes for a status word (the schedule board's blocks wear the same colours). */
export function statusToneClass(status: string): string {
  return tones[toneOf[status] ?? 'slate'];
}

/** The one status label of the app. `tone` names the colour when the shown state is not the stored word. */
export function StatusBadge({
  status,
  label,
  tone,
  testId,
}: {
  status: string;
  label: ReactNode;
  tone?: string;
  testId?: string;
}) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${statusToneClass(tone ?? status)}`}
    >
      {label}
    </span>
  );
}
