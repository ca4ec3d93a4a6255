'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { z } from 'zod';
import {
  acceptPrice,
  cancelInput,
  cancelOrder,
  createOrder,
  feedbackInput,
  orderInput,
  rateOrder,
  rescheduleInput,
  rescheduleOrder,
} from '@/lib/orders';
import { createPlan } from '@/lib/plans';
import { tipInput } from '@/lib/finance';
import { giveTip } from '@/lib/payments';

/** One form books once or a recurring plan: a plan's page is where the client lands then. */
export const createOrderAction = roleAction(['client'], orderInput, async (input, actor) => {
  if (input.repeat !== 'once') {
    const plan = await createPlan(await getDb(), actor, input);
    revalidatePath('/orders');
    return { id: plan.firstOrderId ?? '', planId: plan.planId as string | null };
  }
  const order = await createOrder(await getDb(), actor, input);
  revalidatePath('/orders');
  return { id: order.id, planId: null as string | null };
});

export const cancelOrderAction = roleAction(['client'], cancelInput, async (input, actor) => {
  const result = await cancelOrder(await getDb(), actor, input);
  revalidatePath('/orders');
  revalidatePath(`/orders/${input.orderId}`);
  return result;
});

export const rescheduleOrderAction = roleAction(['client'], rescheduleInput, async (input, actor) => {
  await rescheduleOrder(await getDb(), actor, input);
  revalidatePath(`/orders/${input.orderId}`);
});

export const rateOrderAction = roleAction(['client'], feedbackInput, async (input, actor) => {
  await rateOrder(await getDb(), actor, input);
  revalidatePath(`/orders/${input.orderId}`);
});

export const acceptPriceAction = roleAction(['client'], z.object({ orderId: z.uuid() }), async (input, actor) => {
  await acceptPrice(await getDb(), actor, input.orderId);
  revalidatePath(`/orders/${input.orderId}`);
});

/** A tip for the worker of a completed visit (lib/payments giveTip: on the next invoice, or charged to the saved card now). */
export const tipAction = roleAction(['client'], tipInput, async (input, actor) => {
  const tip = await giveTip(await getDb(), actor, input);
  revalidatePath(`/orders/${input.orderId}`);
  return { status: tip.status };
});
