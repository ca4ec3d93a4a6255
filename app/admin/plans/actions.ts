'use server';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { regularWorkerInput, setRegularWorker } from '@/lib/plans';
import { planActions } from '@/app/(client)/plans/plan-actions';

// Staff change a plan on the client's behalf: the module audits each change and emails the client.
const staff = planActions(['manager', 'admin'], (planId) => `/admin/plans/${planId}`);

export const staffEndPlanAction = staff.end;
export const staffPausePlanAction = staff.pause;
export const staffResumePlanAction = staff.resume;
export const staffChangePlanAction = staff.change;
export const staffHolidayRuleAction = staff.holidayRule;

/** Staff only: name the plan's regular worker (audited; far visits held by someone else go back to matching). */
export const staffSetRegularAction = roleAction(['manager', 'admin'], regularWorkerInput, async (input, actor) => {
  const result = await setRegularWorker(await getDb(), actor, input);
  revalidatePath(`/admin/plans/${input.planId}`);
  return result;
});
