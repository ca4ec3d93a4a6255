import 'server-only';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db';
import type { Role } from '@/db/schema';
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

/**
 * The plan page's actions for the given roles: the client's own (/plans/…) and staff's on the client's behalf
 * (/admin/plans/…) are the same use cases of lib/plans, which checks who may change which plan, audits staff's
 * changes and emails the client. `page` is the plan page to refresh; `alsoOnEnd` the pages an ended plan changes.
 */
export function planActions(roles: Role[], page: (planId: string) => string, alsoOnEnd: string[] = []) {
  const refresh = (planId: string) => revalidatePath(page(planId));
  return {
    end: roleAction(roles, planIdInput, async (input, actor) => {
      const result = await endPlan(await getDb(), actor, input.planId);
      refresh(input.planId);
      for (const path of alsoOnEnd) revalidatePath(path);
      return result;
    }),
    pause: roleAction(roles, pauseInput, async (input, actor) => {
      const result = await pausePlan(await getDb(), actor, input);
      refresh(input.planId);
      return result;
    }),
    resume: roleAction(roles, planIdInput, async (input, actor) => {
      await resumePlan(await getDb(), actor, input.planId);
      refresh(input.planId);
    }),
    change: roleAction(roles, changeInput, async (input, actor) => {
      const result = await changePlan(await getDb(), actor, input);
      refresh(input.planId);
      return result;
    }),
    holidayRule: roleAction(roles, holidayRuleInput, async (input, actor) => {
      const result = await setHolidayRule(await getDb(), actor, input);
      refresh(input.planId);
      return result;
    }),
  };
}
