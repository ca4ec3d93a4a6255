'use client';
import { useTranslations } from 'next-intl';
import { acceptPriceAction } from '@/app/(client)/orders/actions';
import { ActionButton } from '@/components/ui/action-button';

/** The client's yes to a price above their cap; cancelling (free) is the no, next to it. */
export function AcceptPrice({ orderId }: { orderId: string }) {
  const t = useTranslations('orders');
  return (
    <ActionButton variant="primary" run={() => acceptPriceAction({ orderId })}>
      {t('consent.accept')}
    </ActionButton>
  );
}
