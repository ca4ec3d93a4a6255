'use server';
import { planActions } from '@/app/(client)/plans/plan-actions';

// Staff change a plan on the client's behalf: the module audits each change and emails the client.
const staff = planActions(['manager', 'admin'], (planId) => `/admin/plans/${planId}`);

export const staffEndPlanAction = staff.end;
export const staffPausePlanAction = staff.pause;
export const staffResumePlanAction = staff.resume;
export const staffChangePlanAction = staff.change;
export const staffHolidayRuleAction = staff.holidayRule;
