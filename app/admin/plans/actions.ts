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

// Staff change a plan on the client's behalf: the module audits each change and emails the client.
const staff = ['manager', 'admin'] as const;

export const staffEndPlanAction = roleAction([...staff], planIdInput, async (input, actor) => {
  const result = await endPlan(await getDb(), actor, input.planId);
  revalidatePath(`/admin/plans/${input.planId}`);
  return result;
});

export const staffPausePlanAction = roleAction([...staff], pauseInput, async (input, actor) => {
  const result = await pausePlan(await getDb(), actor, input);
  revalidatePath(`/admin/plans/${input.planId}`);
  return result;
});

export const staffResumePlanAction = roleAction([...staff], planIdInput, async (input, actor) => {
  await resumePlan(await getDb(), actor, input.planId);
  revalidatePath(`/admin/plans/${input.planId}`);
});

export const staffChangePlanAction = roleAction([...staff], changeInput, async (input, actor) => {
  const result = await changePlan(await getDb(), actor, input);
  revalidatePath(`/admin/plans/${input.planId}`);
  return result;
});

export const staffHolidayRuleAction = roleAction([...staff], holidayRuleInput, async (input, actor) => {
  const result = await setHolidayRule(await getDb(), actor, input);
  revalidatePath(`/admin/plans/${input.planId}`);
  return result;
});
