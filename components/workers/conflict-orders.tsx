'use client';
import { useTranslations } from 'next-intl';

/** The worker's orders a schedule or time-off change would leave without them (the change is refused). */
export function ConflictOrders({ orders }: { orders?: string }) {
  const t = useTranslations('workers');
  if (!orders) return null;
  return (
    <p className="text-sm text-rose-800" data-testid="conflict-orders">
      {t('conflictOrders', { orders })}
    </p>
  );
}
