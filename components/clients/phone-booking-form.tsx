'use client';
import { bookForClientAction } from '@/app/admin/clients/actions';
import { OrderForm, type Booked } from '@/components/orders/order-form';
import type { OrderFormData } from '@/components/orders/order-form-props';

/** The client's own booking form, submitted by staff on the client's behalf; staff land on the order (or plan). */
export function PhoneBookingForm({ clientId, data }: { clientId: string; data: OrderFormData }) {
  return (
    <OrderForm
      {...data}
      submit={(input) => bookForClientAction({ ...input, clientId })}
      destination={(b: Booked) => (b.planId ? `/admin/plans/${b.planId}` : `/admin/orders/${b.id}`)}
    />
  );
}
