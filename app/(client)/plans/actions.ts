'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import {
  changeInput,
  changePlan,
  endPlan,
  holidayRuleInput,
  pauseInput,
  pausePlan,
  planIdInput,
  resumePlan,
  setHolidayRule,
} from '@/lib/plans';

export const endPlanAction = roleAction(['client'], planIdInput, async (input, actor) => {
  const result = await endPlan(await getDb(), actor, input.planId);
  revalidatePath(`/plans/${input.planId}`);
  revalidatePath('/orders');
  return result;
});

export const pausePlanAction = roleAction(['client'], pauseInput, async (input, actor) => {
  const result = await pausePlan(await getDb(), actor, input);
  revalidatePath(`/plans/${input.planId}`);
  return result;
});

export const resumePlanAction = roleAction(['client'], planIdInput, async (input, actor) => {
  await resumePlan(await getDb(), actor, input.planId);
  revalidatePath(`/plans/${input.planId}`);
});

export const changePlanAction = roleAction(['client'], changeInput, async (input, actor) => {
  const result = await changePlan(await getDb(), actor, input);
  revalidatePath(`/plans/${input.planId}`);
  return result;
});

export const holidayRuleAction = roleAction(['client'], holidayRuleInput, async (input, actor) => {
  const result = await setHolidayRule(await getDb(), actor, input);
  revalidatePath(`/plans/${input.planId}`);
  return result;
});
