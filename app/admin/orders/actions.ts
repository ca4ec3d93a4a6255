'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { dispatchSoon } from '@/lib/notifications';
import {
  confirmInput,
  confirmOrder,
  contactInput,
  createRedoOrder,
  failInput,
  failOrder,
  fillFormInput,
  fillQualityForm,
  logContact,
  redoInput,
} from '@/lib/quality';
import { cancelOrder, rescheduleOrder } from '@/lib/orders';
import { cancelInput, rescheduleInput } from '@/lib/orders/shared';

const staff = ['manager', 'admin'] as const;

function refresh(orderId: string) {
  revalidatePath(`/admin/orders/${orderId}`);
  revalidatePath('/admin/orders');
}

export const confirmOrderAction = roleAction([...staff], confirmInput, async (input, actor) => {
  await confirmOrder(await getDb(), actor, input);
  refresh(input.orderId);
});

export const failOrderAction = roleAction([...staff], failInput, async (input, actor) => {
  // failInput's output (minor units) is re-parsed by the module, so hand it the typed shape back in major units.
  await failOrder(await getDb(), actor, {
    ...input,
    penaltyAmount: input.penaltyAmount === undefined ? undefined : String(input.penaltyAmount / 100),
  });
  refresh(input.orderId);
});

export const redoOrderAction = roleAction([...staff], redoInput, async (input, actor) => {
  const redo = await createRedoOrder(await getDb(), actor, input);
  refresh(input.orderId);
  return redo;
});

export const logContactAction = roleAction([...staff], contactInput, async (input, actor) => {
  const result = await logContact(await getDb(), actor, input);
  if (result.notificationId) dispatchSoon();
  refresh(input.orderId);
});

export const fillFormAction = roleAction([...staff], fillFormInput, async (input, actor) => {
  const result = await fillQualityForm(await getDb(), actor, input);
  refresh(input.orderId);
  return result;
});

/** Staff cancel for the client (the policy's fee, or waived with a reason). */
export const staffCancelOrderAction = roleAction([...staff], cancelInput, async (input, actor) => {
  const result = await cancelOrder(await getDb(), actor, input);
  refresh(input.orderId);
  return result;
});

/** Staff move an order to a new time for the client (it goes back to matching; the client is emailed). */
export const staffRescheduleOrderAction = roleAction([...staff], rescheduleInput, async (input, actor) => {
  await rescheduleOrder(await getDb(), actor, input);
  refresh(input.orderId);
});
