import type { OrderStatus } from '@/db/schema/orders';

const tone: Record<OrderStatus, string> = {
  pending: 'bg-amber-50 text-amber-900 ring-amber-200',
  assigned: 'bg-sky-50 text-sky-900 ring-sky-200',
  in_progress: 'bg-indigo-50 text-indigo-900 ring-indigo-200',
  completed: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  failed: 'bg-rose-50 text-rose-900 ring-rose-200',
  cancelled: 'bg-slate-100 text-slate-700 ring-slate-200',
};

export function StatusBadge({ status, label }: { status: OrderStatus; label: string }) {
  return (
    <span
      data-testid="order-status"
      data-status={status}
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ${tone[status]}`}
    >
      {label}
    </span>
  );
}
