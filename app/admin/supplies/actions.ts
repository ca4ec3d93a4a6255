'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import {
  chargeShortfall,
  createSupply,
  issueToWorker,
  moveStock,
  resolveShortfall,
  returnFromWorker,
  setBillOfMaterials,
  updateSupply,
} from '@/lib/supplies';
import {
  bomInput,
  chargeShortfallInput,
  issueInput,
  resolveShortfallInput,
  returnInput,
  stockMoveInput,
  supplyInput,
  updateSupplyInput,
} from '@/lib/supplies/shared';

const staff = ['manager', 'admin'] as const;

function refresh(workerId?: string) {
  revalidatePath('/admin/supplies');
  if (workerId) revalidatePath(`/admin/workers/${workerId}`);
}

export const createSupplyAction = roleAction([...staff], supplyInput, async ({ unitCost, ...input }, actor) => {
  const r = await createSupply(await getDb(), actor, { ...input, unitCostMinor: unitCost });
  refresh();
  return r;
});

export const updateSupplyAction = roleAction([...staff], updateSupplyInput, async ({ unitCost, ...input }, actor) => {
  await updateSupply(await getDb(), actor, { ...input, unitCostMinor: unitCost });
  refresh();
});

export const moveStockAction = roleAction([...staff], stockMoveInput, async (input, actor) => {
  const r = await moveStock(await getDb(), actor, input);
  refresh();
  return r;
});

export const issueSupplyAction = roleAction([...staff], issueInput, async (input, actor) => {
  const r = await issueToWorker(await getDb(), actor, input);
  refresh(input.workerId);
  return r;
});

export const returnSupplyAction = roleAction([...staff], returnInput, async (input, actor) => {
  const r = await returnFromWorker(await getDb(), actor, input);
  refresh(input.workerId);
  return r;
});

export const setBomAction = roleAction([...staff], bomInput, async (input, actor) => {
  await setBillOfMaterials(await getDb(), actor, input.serviceId, input.items);
  refresh();
});

export const resolveShortfallAction = roleAction([...staff], resolveShortfallInput, async (input, actor) => {
  await resolveShortfall(await getDb(), actor, input.movementId);
  refresh();
});

export const chargeShortfallAction = roleAction([...staff], chargeShortfallInput, async (input, actor) => {
  const r = await chargeShortfall(await getDb(), actor, input.movementId);
  refresh();
  revalidatePath('/admin/finance', 'layout');
  return { amount: r.amount, created: r.created };
});
